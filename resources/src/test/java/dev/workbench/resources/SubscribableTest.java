package dev.workbench.resources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.workbench.core.ErrorCode;
import dev.workbench.core.WorkbenchException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.FieldSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link WorkbenchResources#checkSubscribable}: every form a client may subscribe to, and nothing else. */
class SubscribableTest {
    static final List<String> ACCEPTED = List.of(
            "aw://project",
            "aw://experiments",
            "aw://journal",
            "aw://activity",
            "aw://checkpoints",
            "aw://runs",
            "aw://runs/comparison",
            "aw://runbook",
            "aw://experiments/checkout-cta",
            "aw://experiments/checkout-cta/analysis",
            "aw://experiments/a1",
            "aw://experiments/checkout-cta/analyses",
            "aw://experiments/checkout-cta/result",
            "aw://checkpoints/02_cleaned",
            "aw://checkpoints/02",
            "aw://checkpoints/2",
            "aw://runs/20261122-101500-123-0a1b",
            "aw://stages/cleaning/plan.md",
            "aw://stages/cleaning/status.json",
            "aw://stages/cleaning/review.md",
            "aw://stages/cleaning/manifest.json",
            "aw://stages/cleaning/review.json",
            "aw://stages/cleaning/approval.json",
            "aw://stages/model.v2/review.md");

    @ParameterizedTest
    @FieldSource("ACCEPTED")
    void accepts_fixedResources_andTemplateInstances_thatDoNotExistYet(String uri) {
        assertThatCode(() -> WorkbenchResources.checkSubscribable(uri)).doesNotThrowAnyException();
    }

    @Test
    void accepts_everyFixedResourceListed() {
        assertThat(WorkbenchResources.FIXED).hasSize(9).allSatisfy(WorkbenchResources::checkSubscribable);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "http://example.org/project           | NOT_FOUND     | no resource",
                "file:///etc/passwd                   | NOT_FOUND     | no resource",
                "aw://nothing                         | NOT_FOUND     | no resource",
                "aw://project/more                    | NOT_FOUND     | no resource",
                "aw://stages/cleaning                 | NOT_FOUND     | no resource",
                "aw://stages/cleaning/review.md/x     | NOT_FOUND     | no resource",
                "aw://experiments/Checkout_CTA        | INVALID_INPUT | slug:",
                "aw://experiments/a/b                 | INVALID_INPUT | slug:",
                "aw://experiments/                    | INVALID_INPUT | slug:",
                "aw://experiments/-a/analysis         | INVALID_INPUT | slug:",
                "aw://experiments/-a/result           | INVALID_INPUT | slug:",
                "aw://experiments/-a/analyses         | INVALID_INPUT | slug:",
                "aw://runs/a b                        | INVALID_INPUT | id:",
                "aw://runs/../../x                    | INVALID_INPUT | id:",
                "aw://checkpoints/                    | INVALID_INPUT | checkpoint:",
                "aw://checkpoints/02 cleaned          | INVALID_INPUT | checkpoint:",
                "aw://checkpoints/002                 | INVALID_INPUT | checkpoint:",
                "aw://checkpoints/+2                  | INVALID_INPUT | checkpoint:",
                "aw://stages/cleaning/secret.txt      | INVALID_INPUT | file:",
                "aw://stages/cleaning/..              | INVALID_INPUT | file:",
                "aw://stages/../review.md             | INVALID_INPUT | area:",
                "aw://stages//review.md               | INVALID_INPUT | area:"
            })
    void refuses_otherUris_namingTheUriTheFieldAndTheForms(String uri, ErrorCode code, String field) {
        assertThatThrownBy(() -> WorkbenchResources.checkSubscribable(uri))
                .isInstanceOfSatisfying(WorkbenchException.class, e -> {
                    assertThat(e.code()).as(e.getMessage()).isEqualTo(code);
                    assertThat(e.getMessage())
                            .contains(
                                    uri, field, "aw://project", "aw://experiments/{slug}", "aw://stages/{area}/{file}");
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " "})
    void refuses_aMissingUri(String uri) {
        for (String given : new String[] {uri, null}) {
            assertThatThrownBy(() -> WorkbenchResources.checkSubscribable(given))
                    .isInstanceOfSatisfying(
                            WorkbenchException.class,
                            e -> assertThat(e.getMessage())
                                    .startsWith("uri: required")
                                    .contains("aw://project"));
        }
    }
}
