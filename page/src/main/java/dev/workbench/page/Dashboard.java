package dev.workbench.page;

import dev.workbench.core.ErrorCode;
import dev.workbench.core.WorkbenchException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The page's views by address, and what a person may do from them. A view is found by the first segment of the path
 * ({@code /} the overview, {@code /experiments/<slug>}, {@code /runs}, {@code /runs/<id>}, {@code /checkpoints},
 * {@code /review}) and given the rest; an action by its name ({@code POST /actions/<name>}). Knows nothing of HTTP:
 * the server checks who is asking, and the report renders the same views into one file.
 */
public final class Dashboard {
    /** Renders what {@code rest} (the path after the first segment, without the leading slash) names, if anything. */
    @FunctionalInterface
    public interface Route {
        Optional<Page> render(String rest, PageRequest request);
    }

    /** Does what a person asked with a form's fields; {@code person} is who the session says they are. */
    @FunctionalInterface
    public interface Action {
        Outcome act(Map<String, String> form, String person);
    }

    /**
     * What an action did: its message for the person (shown once on the next page), whether it was done, and where
     * the browser goes next (one of {@link Links#SERVED}'s addresses).
     */
    public record Outcome(boolean done, String message, String next) {}

    private final Map<String, Route> routes = new LinkedHashMap<>();
    private final Map<String, Action> actions = new LinkedHashMap<>();

    public Dashboard(dev.workbench.core.Workbench wb) {
        // Each view registers here under the first segment of its addresses ("" is the overview).
        routes.put("", new OverviewView(wb));
        routes.put("review", new ReviewView(wb));
        new ReviewActions(wb).register(actions);
        routes.put("experiments", new ExperimentView(wb)::render);
        routes.put("runs", new RunsView(wb));
        routes.put("checkpoints", new CheckpointsView(wb));
    }

    /** The view at {@code path} (starting with '/'), or empty when there is none: the server answers 404. */
    public Optional<Page> page(String path, PageRequest request) {
        String p = path == null || path.isEmpty() ? "/" : path;
        if (!p.startsWith("/")) {
            return Optional.empty();
        }
        String rest = p.substring(1);
        int slash = rest.indexOf('/');
        String first = slash < 0 ? rest : rest.substring(0, slash);
        String tail = slash < 0 ? "" : rest.substring(slash + 1);
        Route route = routes.get(first);
        return route == null ? Optional.empty() : route.render(tail, request);
    }

    /**
     * Does the action named {@code name}. A refusal the person can act on (not reviewed yet, the signed policy, a
     * conflict) is an outcome that was not done, with the workbench's message; an unknown action is NOT_FOUND.
     */
    public Outcome act(String name, Map<String, String> form, String person) {
        Action action = actions.get(name);
        if (action == null) {
            throw new WorkbenchException(
                    ErrorCode.NOT_FOUND, "action: expected one of " + actions.keySet() + ", got " + name);
        }
        try {
            return action.act(Map.copyOf(form), person);
        } catch (WorkbenchException e) {
            return new Outcome(false, e.code() + ": " + e.getMessage(), Links.SERVED.review());
        }
    }

    /** The whole document for one served view, with a notice from the last action (null: none). */
    public String document(Page page, PageRequest request, Outcome notice) {
        return Layout.served(page, request, notice);
    }
}
