package dev.workbench.core.store.file;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workbench.core.Check;
import dev.workbench.core.Json;
import dev.workbench.core.experiment.Experiment;
import dev.workbench.core.store.ExperimentRecords;
import dev.workbench.core.workspace.Store;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * {@link ExperimentRecords} as files under {@code .aw/}: {@code experiments/<slug>.json}, one pretty-printed record
 * each (written atomically), and {@code analyses/<slug>.jsonl}, one line per stored analysis (append-only).
 */
public final class FileExperimentRecords implements ExperimentRecords {
    /** The folder of the records, under {@code .aw/}. */
    public static final String DIR = "experiments";
    /** The folder of the analysis histories, under {@code .aw/}. */
    public static final String ANALYSES_DIR = "analyses";

    private static final String RECORD = ".json";
    private static final String HISTORY = ".jsonl";

    private final Store store;

    public FileExperimentRecords(Store store) {
        this.store = store;
    }

    private static String file(String slug) {
        return DIR + "/" + slug + RECORD;
    }

    private static String history(String slug) {
        return ANALYSES_DIR + "/" + slug + HISTORY;
    }

    @Override
    public Optional<Experiment> find(String slug) {
        return store.read(file(slug), Experiment.class);
    }

    @Override
    public Optional<byte[]> storedBytes(String slug) {
        Path p = store.path(file(slug));
        try {
            return Files.isRegularFile(p) ? Optional.of(Files.readAllBytes(p)) : Optional.empty();
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** From the folder listing alone; files whose names are not slugs are not records. */
    @Override
    public List<String> slugs() {
        List<String> slugs = new ArrayList<>();
        for (String name : store.list(DIR, RECORD)) {
            String slug = name.substring(0, name.length() - RECORD.length());
            if (Check.isSlug(slug)) {
                slugs.add(slug);
            }
        }
        // Sorted as slugs, not as file names: "checkout.json" sorts after "checkout-holdout-30d.json".
        Collections.sort(slugs);
        return slugs;
    }

    @Override
    public void write(Experiment experiment) {
        store.writeBytes(file(experiment.slug()), Json.toFileBytes(experiment.storedJson()));
    }

    @Override
    public void appendAnalysis(String slug, JsonNode entry) {
        store.logs().append(history(slug), entry);
    }

    @Override
    public List<JsonNode> recentAnalyses(String slug, int max) {
        return store.logs().tail(history(slug), max);
    }

    @Override
    public long analysisCount(String slug) {
        return store.logs().countLines(history(slug));
    }
}
