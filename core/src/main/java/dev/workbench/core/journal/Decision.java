package dev.workbench.core.journal;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.workbench.core.Check;
import java.util.List;

/**
 * A decision as the agent logs it: what it was about, the options weighed, the one chosen and why.
 * {@code area} and {@code experiment} tie it to the work it belongs to.
 */
public record Decision(
        @JsonProperty(required = true) String context,
        @JsonProperty(required = true) List<String> options,

        @JsonProperty(required = true) @JsonPropertyDescription("one of options")
        String chosen,

        @JsonProperty(required = true) String rationale,
        String area,

        @JsonPropertyDescription("slug of an existing experiment")
        String experiment) {
    public static final int MAX_OPTIONS = 20;

    public Decision {
        Check.requiredText(context, "context");
        Check.notEmpty(options, "options");
        if (options.size() > MAX_OPTIONS) {
            throw Check.invalid("options", "at most " + MAX_OPTIONS + " options", options.size() + " options");
        }
        for (int i = 0; i < options.size(); i++) {
            Check.requiredText(options.get(i), "options[" + i + "]");
            if (options.indexOf(options.get(i)) != i) {
                throw Check.invalid("options", "distinct options", "\"" + options.get(i) + "\" twice");
            }
        }
        options = List.copyOf(options);
        Check.requiredText(chosen, "chosen");
        if (!options.contains(chosen)) {
            throw Check.invalid("chosen", "one of options " + options, chosen);
        }
        Check.requiredText(rationale, "rationale");
        if (area != null) {
            Check.word(area, "area");
        }
        if (experiment != null) {
            Check.slug(experiment, "experiment");
        }
    }
}
