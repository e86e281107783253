package dev.workbench.core.store;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workbench.core.Json;
import dev.workbench.core.WorkbenchException;
import dev.workbench.core.experiment.Experiment;
import java.util.List;
import java.util.Optional;

/**
 * The experiment records, one per slug, and the history of the analyses stored on each: what the experiment service
 * keeps. Writes happen inside {@link Transactions#transaction};
 * reads take no lock and see each record whole, as it was before or after a write.
 */
public interface ExperimentRecords {
    /**
     * The record stored under {@code slug}, if any.
     *
     * @throws WorkbenchException {@code STORE_ERROR} when it is stored but cannot be read
     */
    Optional<Experiment> find(String slug);

    /**
     * The bytes stored for {@code slug}, exactly as kept, if any: what a review stage pins when it names the record
     * ({@code .aw/experiments/<slug>.json}), so a hand edit shows as a change too. A back end that keeps no bytes
     * answers the record's file form.
     */
    default Optional<byte[]> storedBytes(String slug) {
        return find(slug).map(e -> Json.toFileBytes(e.storedJson()));
    }

    /** The slugs of the stored records, sorted, without reading the records. */
    List<String> slugs();

    /** How many records are stored. */
    default long count() {
        return slugs().size();
    }

    /** Stores {@code experiment} under its slug, replacing what was there, as one step. */
    void write(Experiment experiment);

    /** Appends one entry to the analysis history of {@code slug}. */
    void appendAnalysis(String slug, JsonNode entry);

    /** The last {@code max} entries of the analysis history of {@code slug}, oldest first; empty when there is none. */
    List<JsonNode> recentAnalyses(String slug, int max);

    /** How many entries the analysis history of {@code slug} holds. */
    long analysisCount(String slug);
}
