package dev.workbench.resources;

import dev.workbench.core.ErrorCode;
import dev.workbench.core.WorkbenchException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Which view an {@code aw://} URI names, with the template's variables checked by the rules the view itself
 * applies. Reading and subscribing parse through here, so a URI a client may subscribe to is one it could read
 * once the thing exists.
 *
 * <p>A template with one variable takes everything between its literal parts, slashes included, so that a bad
 * value ({@code aw://experiments/a/b}) is refused by the variable's rule rather than reported as no resource; with
 * several variables each is one path segment. Fixed URIs are matched first, then templates, the longest literal
 * first ({@code aw://experiments/{slug}/analysis} before {@code aw://experiments/{slug}}).
 *
 * @param view      the view that serves the URI
 * @param uri       the URI as given
 * @param variables the template's variables, checked; empty for a fixed resource
 */
public record ResourceUri(ResourceView view, String uri, List<String> variables) {
    /** The views in the order URIs are matched against them (a holder: the registry uses this class as it is built). */
    private static final class MatchOrder {
        static final List<ResourceView> VIEWS = WorkbenchResources.ALL.stream()
                .sorted(Comparator.comparing(
                                (ResourceView v) -> isTemplate(v.info().uri()))
                        .thenComparing(v -> -literalLength(v.info().uri())))
                .toList();
    }

    public ResourceUri {
        variables = List.copyOf(variables);
    }

    /** The {@code i}th variable of the template ({@code slug}, then {@code file} ...). */
    public String variable(int i) {
        return variables.get(i);
    }

    /**
     * @throws WorkbenchException {@code NOT_FOUND} for a URI of no resource or template; {@code INVALID_INPUT}
     *                            for a template whose variable breaks its rule; both name the URI and the forms
     */
    public static ResourceUri parse(String uri) {
        if (uri == null || uri.isBlank()) {
            throw new WorkbenchException(ErrorCode.INVALID_INPUT, "uri: required; " + forms());
        }
        for (ResourceView view : MatchOrder.VIEWS) {
            Optional<List<String>> raw = match(view.info().uri(), uri);
            if (raw.isPresent()) {
                try {
                    return new ResourceUri(view, uri, view.check(raw.get()));
                } catch (WorkbenchException e) {
                    throw new WorkbenchException(e.code(), uri + ": " + e.getMessage() + "; " + forms());
                }
            }
        }
        throw new WorkbenchException(ErrorCode.NOT_FOUND, "no resource " + uri + "; " + forms());
    }

    static boolean isTemplate(String template) {
        return template.indexOf('{') >= 0;
    }

    private static int literalLength(String template) {
        return template.replaceAll("\\{[^}]*}", "").length();
    }

    /** The raw variables of {@code uri} when it has the template's form; empty when it does not. */
    static Optional<List<String>> match(String template, String uri) {
        if (!isTemplate(template)) {
            return template.equals(uri) ? Optional.of(List.of()) : Optional.empty();
        }
        List<String> literals = new ArrayList<>(); // before the first variable, between them, after the last
        int at = 0;
        for (int open = template.indexOf('{'); open >= 0; open = template.indexOf('{', at)) {
            literals.add(template.substring(at, open));
            at = template.indexOf('}', open) + 1;
        }
        literals.add(template.substring(at));
        int count = literals.size() - 1;
        String prefix = literals.get(0);
        String suffix = literals.get(count);
        if (!uri.startsWith(prefix) || !uri.endsWith(suffix) || uri.length() < prefix.length() + suffix.length()) {
            return Optional.empty();
        }
        String rest = uri.substring(prefix.length(), uri.length() - suffix.length());
        if (count == 1) {
            return Optional.of(List.of(rest));
        }
        List<String> values = new ArrayList<>();
        for (int i = 1; i < count; i++) {
            int end = rest.indexOf(literals.get(i));
            if (end < 0 || rest.substring(0, end).contains("/")) {
                return Optional.empty();
            }
            values.add(rest.substring(0, end));
            rest = rest.substring(end + literals.get(i).length());
        }
        if (rest.contains("/")) {
            return Optional.empty();
        }
        values.add(rest);
        return Optional.of(values);
    }

    private static String forms() {
        return "the resources are " + String.join(", ", WorkbenchResources.FIXED) + " and the templates "
                + String.join(", ", WorkbenchResources.TEMPLATE_URIS);
    }
}
