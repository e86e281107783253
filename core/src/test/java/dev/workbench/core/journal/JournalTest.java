package dev.workbench.core.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.workbench.core.ErrorCode;
import dev.workbench.core.Workbench;
import dev.workbench.core.WorkbenchException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalTest {
    @TempDir
    Path root;

    @Test
    void log_numbersDecisionsInOrder_andLogsActivity() {
        Workbench wb = new Workbench(root);
        JournalEntry first = wb.journal()
                .log(new Decision("Which test", List.of("t-test", "bayes"), "bayes", "priors", "analysis", null));
        JournalEntry second =
                wb.journal().log(new Decision("Stop when", List.of("now", "later"), "later", "power", null, null));
        assertThat(first.id()).isEqualTo(1);
        assertThat(second.id()).isEqualTo(2);
        assertThat(wb.journal().recent(10)).extracting(JournalEntry::chosen).containsExactly("bayes", "later");
        assertThat(wb.activity().recent(5)).extracting(e -> e.type()).containsOnly("decision.logged");
    }

    @Test
    void chosen_mustBeOneOfTheOptions() {
        assertThatThrownBy(() -> new Decision("c", List.of("a", "b"), "z", "r", null, null))
                .isInstanceOfSatisfying(WorkbenchException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT);
                    assertThat(e.getMessage()).startsWith("chosen:");
                });
    }

    @Test
    void decisionTooLargeToSendBack_isRefusedBeforeWriting() {
        Workbench wb = new Workbench(root);
        List<String> options =
                IntStream.range(0, 20).mapToObj(i -> i + "€".repeat(3990)).toList();
        assertThatThrownBy(() -> wb.journal().log(new Decision("c", options, options.get(0), "r", null, null)))
                .isInstanceOfSatisfying(
                        WorkbenchException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INPUT_TOO_LARGE));
        assertThat(wb.journal().count()).isZero();
        assertThat(wb.activity().count()).isZero();
    }

    @Test
    void duplicateOptions_areInvalid() {
        assertThatThrownBy(() -> new Decision("c", List.of("a", "a"), "a", "r", null, null))
                .isInstanceOfSatisfying(
                        WorkbenchException.class,
                        e -> assertThat(e.getMessage()).startsWith("options:"));
    }

    @Test
    void unknownExperiment_isNotFound_andNothingIsWritten() {
        Workbench wb = new Workbench(root);
        assertThatThrownBy(() -> wb.journal().log(new Decision("c", List.of("a"), "a", "r", null, "missing")))
                .isInstanceOfSatisfying(
                        WorkbenchException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
        assertThat(wb.journal().count()).isZero();
    }
}
