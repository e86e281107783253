package dev.workbench.resources;

import dev.workbench.core.Workbench;
import dev.workbench.core.store.ChangeBatch;
import dev.workbench.core.store.file.PathChanges;
import dev.workbench.core.workspace.StoreWatcher;
import java.util.Set;

/**
 * What subscribers are told of a batch of changed files, as the server tells them: the file feed's mapping of paths
 * to changes ({@link PathChanges}), then every view's URIs for them ({@link WorkbenchResources#updated}).
 */
final class Notifier {
    /**
     * What one batch notifies.
     *
     * @param updated     the URIs whose content may have changed
     * @param listChanged an experiment, run or checkpoint came or went
     * @param everything  anything may have changed: every subscribed URI is notified, whatever {@code updated} holds
     */
    record Effect(Set<String> updated, boolean listChanged, boolean everything) {
        static Effect of(ChangeBatch batch, WorkbenchResources views) {
            return new Effect(views.updated(batch), batch.listChanged(), batch.everything());
        }
    }

    private final PathChanges paths;
    private final WorkbenchResources views;

    Notifier(Workbench wb) {
        this.paths = new PathChanges(wb.store());
        this.views = new WorkbenchResources(wb);
    }

    Effect apply(StoreWatcher.Changes changes) {
        return Effect.of(paths.apply(changes), views);
    }
}
