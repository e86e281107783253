package dev.workbench.core.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.workbench.core.ErrorCode;
import dev.workbench.core.WorkbenchException;
import org.junit.jupiter.api.Test;

class CheckpointNameTest {
    @Test
    void aName_isTwoDigitsAtLeast_anUnderscore_andTheOperation() {
        assertThat(new CheckpointName(2, "cleaned")).hasToString("02_cleaned");
        assertThat(new CheckpointName(123, "late")).hasToString("123_late");
        assertThat(new CheckpointName(3, CheckpointName.safetyOperation(1))).hasToString("03_pre-rollback-to-01");
    }

    @Test
    void parse_readsBackWhatIsWritten_andNothingElse() {
        assertThat(CheckpointName.parse("02_cleaned")).contains(new CheckpointName(2, "cleaned"));
        assertThat(CheckpointName.parse("03_pre-rollback-to-01")).contains(new CheckpointName(3, "pre-rollback-to-01"));
        assertThat(CheckpointName.parse("07_a_b")).contains(new CheckpointName(7, "a_b"));
        for (String notAName : new String[] {"cleaned", "_x", "x_02", "+2_x", "-1_x", "1234567890_x", "02", ""}) {
            assertThat(CheckpointName.parse(notAName)).as(notAName).isEmpty();
        }
        assertThat(CheckpointName.parse(null)).isEmpty();
    }

    @Test
    void aReference_namesAStoredCheckpoint_byNumberInAnyWidth_orByExactName() {
        assertThat(CheckpointName.refersTo("2", "02_cleaned")).isTrue();
        assertThat(CheckpointName.refersTo("02", "02_cleaned")).isTrue();
        assertThat(CheckpointName.refersTo("002", "02_cleaned")).isTrue();
        assertThat(CheckpointName.refersTo("02_cleaned", "02_cleaned")).isTrue();
        assertThat(CheckpointName.refersTo("3", "02_cleaned")).isFalse();
        assertThat(CheckpointName.refersTo("cleaned", "02_cleaned")).isFalse();
        assertThat(CheckpointName.refersTo("02_clean", "02_cleaned")).isFalse();
        assertThat(CheckpointName.refersTo("2", "notes")).isFalse();
    }

    @Test
    void checkRef_acceptsNumbersAndWords_refusesTheRest() {
        assertThat(CheckpointName.checkRef("2")).isEqualTo("2");
        assertThat(CheckpointName.checkRef("02_cleaned")).isEqualTo("02_cleaned");
        for (String bad : new String[] {"", " ", "../x", "a/b"}) {
            assertThatThrownBy(() -> CheckpointName.checkRef(bad))
                    .as(bad)
                    .isInstanceOf(WorkbenchException.class)
                    .extracting(e -> ((WorkbenchException) e).code())
                    .isEqualTo(ErrorCode.INVALID_INPUT);
        }
        assertThatThrownBy(() -> CheckpointName.checkRef(null)).isInstanceOf(WorkbenchException.class);
    }

    @Test
    void anOperation_mayNotPoseAsARollbacksSafetyCheckpoint() {
        assertThat(CheckpointName.checkOperation("cleaned", "")).isEqualTo("cleaned");
        assertThatThrownBy(() -> CheckpointName.checkOperation("pre-rollback-to-01", ""))
                .isInstanceOf(WorkbenchException.class)
                .hasMessageContaining("pre-rollback-to-");
    }

    @Test
    void entryTypes_areWrittenAsToday_andAnUnknownOneReadsAsNone() {
        assertThat(EntryType.FILE.json()).isEqualTo("file");
        assertThat(EntryType.DIR.json()).isEqualTo("dir");
        assertThat(EntryType.SYMLINK.json()).isEqualTo("symlink");
        assertThat(EntryType.of("symlink")).isEqualTo(EntryType.SYMLINK);
        assertThat(EntryType.of("fifo")).isNull();
    }
}
