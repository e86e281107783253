package dev.workbench.core.review;

import dev.workbench.core.Check;
import dev.workbench.core.ErrorCode;
import dev.workbench.core.Sha256;
import dev.workbench.core.WorkbenchException;
import dev.workbench.core.project.ActivityLog;
import dev.workbench.core.store.Backend;
import dev.workbench.core.store.StageFiles;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * A stage's plan with its versions (the Program issue; the analytic-workbench's {@code plan.md}, EPS's plan
 * versions): each write keeps {@code plans/v<K>.md} (K = the last + 1, from 1; never rewritten) and replaces
 * {@code plan.md} with it, in the area's or experiment's stage folder.
 *
 * <p>A plan is reviewed like any other work: an execution may pin {@code plan.md} (its approval then goes stale when
 * a new plan is written, because plan.md changed) or one {@code plans/v<K>.md} (which never changes, so a new plan
 * leaves that approval standing: it approved that version). Writing a plan changes no stage state by itself.
 *
 * <p>{@code plan.md} may also be written by hand ({@link StageFile#PLAN}). When it differs from the latest kept
 * version (or none is kept yet), a write first keeps it as its own version, so a hand-written or hand-edited plan is
 * never lost: it is the version before the new one, and the result names it ({@code keptByHand}).
 */
public final class Plans {
    /** The longest plan, in characters: eight pages or so, and one resource response even in three-byte UTF-8. */
    public static final int MAX_TEXT = 30_000;

    private final Backend backend;
    private final StageFiles files;
    private final ActivityLog activity;

    public Plans(Backend backend, ActivityLog activity) {
        this.backend = backend;
        this.files = backend.stages();
        this.activity = activity;
    }

    /**
     * What write-plan did.
     *
     * @param stage    the stage's key (an area, or {@code experiment:<slug>})
     * @param version  the version written (K of {@code plans/v<K>.md})
     * @param path     where that version is kept, as a person finds it
     * @param sha256   of the text's UTF-8 bytes (what an execution pinning it records)
     * @param previous the version it follows; null for the first
     * @param keptByHand the version that keeps plan.md as it was written or edited by hand (it differed from the
     *                   latest version, or none was kept), written just before this one; null when there was none
     */
    public record Written(
            String stage, int version, String path, String sha256, Integer previous, Integer keptByHand) {}

    /**
     * Writes the next version of {@code stage}'s plan. With {@code expectedVersion} (the version the writer read; 0
     * for none yet), anything else being the latest is {@code CONFLICT} and nothing is written.
     */
    public Written write(String stage, String text, Integer expectedVersion) {
        StageId id = Stages.resolve(stage, backend);
        Check.text(Check.required(text, "text"), "text", MAX_TEXT);
        if (expectedVersion != null) {
            Check.atLeast(expectedVersion, 0, "expectedVersion");
        }
        return backend.transactions().transaction(() -> {
            List<Integer> versions = files.planVersions(id);
            int last = versions.isEmpty() ? 0 : versions.get(versions.size() - 1);
            if (expectedVersion != null && expectedVersion != last) {
                throw new WorkbenchException(
                        ErrorCode.CONFLICT,
                        "expectedVersion: the latest plan of " + id.key() + " is "
                                + (last == 0 ? "none (expect 0)" : "v" + last) + ", not " + expectedVersion
                                + "; read it and write again (nothing changed)");
            }
            Integer keptByHand = null;
            Optional<String> byHand = files.text(id, StageFile.PLAN);
            if (byHand.isPresent()
                    && !byHand.get().equals(text)
                    && (last == 0 || !byHand.equals(files.planVersion(id, last)))) {
                keptByHand = last + 1;
                files.writePlanVersion(id, keptByHand, byHand.get());
                activity.append(
                        backend.now(),
                        "plan.written",
                        "Plan v" + keptByHand + " of " + StageWrites.name(id) + " kept: plan.md as written by hand",
                        StoreArtifacts.planPath(id, keptByHand));
            }
            int previous = keptByHand != null ? keptByHand : last;
            int version = previous + 1;
            files.writePlanVersion(id, version, text);
            files.writeText(id, StageFile.PLAN, text);
            String path = StoreArtifacts.planPath(id, version);
            activity.append(
                    backend.now(),
                    "plan.written",
                    "Plan v" + version + " of " + StageWrites.name(id) + " written",
                    path);
            return new Written(
                    id.key(),
                    version,
                    path,
                    Sha256.of(text.getBytes(StandardCharsets.UTF_8)),
                    previous == 0 ? null : previous,
                    keptByHand);
        });
    }
}
