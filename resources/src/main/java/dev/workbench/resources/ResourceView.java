package dev.workbench.resources;

import dev.workbench.core.Workbench;
import dev.workbench.core.store.Change;
import java.util.List;
import java.util.stream.Stream;

/**
 * One resource, or one resource template, that clients read (CONTRACT section 7): how it is listed, the rule its
 * variables follow, what it reads, and which changes of the records may change what it reads. Listed once in
 * {@link WorkbenchResources#ALL}, from which listing, reading, subscribing and notifying all follow.
 */
public interface ResourceView {
    /** How the view is listed; its {@code uri} is the fixed URI, or the template with its {@code {variables}}. */
    ResourceInfo info();

    /**
     * The template's variables, in the template's order, checked by the rule the view reads them with (and written
     * as it reads them); a fixed resource has none.
     *
     * @throws dev.workbench.core.WorkbenchException {@code INVALID_INPUT} naming the variable that breaks its rule
     */
    default List<String> check(List<String> variables) {
        return variables;
    }

    /** The content of {@code uri}, one of this view's URIs with its variables checked. */
    ResourceContent read(Workbench wb, ResourceUri uri);

    /**
     * The URIs of this view whose content {@code change} may have changed; none when the view does not read what
     * changed. A missed URI is a lost notification, an extra one is harmless: when in doubt, name it.
     */
    Stream<String> updated(Change change, Workbench wb);
}
