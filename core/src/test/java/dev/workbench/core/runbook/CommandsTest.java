package dev.workbench.core.runbook;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CommandsTest {

    @Test
    void aSweepRunFromAnotherFolder_isOneStep_andNamesItsInterpreter() {
        assertThat(Commands.stepKey("cd src && python3 fit.py --alpha 1"))
                .isEqualTo(Commands.stepKey("cd src && python3 fit.py --alpha 2"))
                .isEqualTo("python3 fit.py");
        assertThat(Commands.stepKey("cd src && python3 eval.py")).isEqualTo("python3 eval.py");
        assertThat(Commands.programs("cd src && python3 fit.py --alpha 1")).containsExactly("python3");
        assertThat(Commands.programs("export SEED=1; Rscript model.R | tee log.txt"))
                .containsExactly("Rscript", "tee");
    }

    @Test
    void separatorsInsideQuotes_doNotSplit() {
        assertThat(Commands.simpleCommands("python3 -c 'print(1); print(2)' && echo 'a|b'"))
                .containsExactly("python3 -c 'print(1); print(2)'", "echo 'a|b'");
        assertThat(Commands.simpleCommands("a || b | c ; d\ne")).containsExactly("a", "b", "c", "d", "e");
        assertThat(Commands.stepKey("sh -c 'cut -d, -f1 data.csv > out.csv'"))
                .isNotEqualTo(Commands.stepKey("sh -c 'sort data.csv > out.csv'"));
        assertThat(Commands.programs("sh -c 'cd x && sort a | uniq'")).containsExactly("sh", "sort", "uniq");
    }

    @Test
    void onlySceneSetting_keepsItsOwnKey() {
        assertThat(Commands.stepKey("cd data")).isEqualTo("cd");
        assertThat(Commands.programs("cd data")).isEmpty();
        assertThat(Commands.stepKey("")).isEmpty();
    }
}
