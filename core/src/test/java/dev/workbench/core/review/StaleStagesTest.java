package dev.workbench.core.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.workbench.core.ErrorCode;
import dev.workbench.core.Sha256;
import dev.workbench.core.Workbench;
import dev.workbench.core.WorkbenchException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding 5: a review or approval holds only while its artifacts are the ones recorded. */
class StaleStagesTest {
    @TempDir
    Path root;

    Workbench wb;
    Stages stages;

    static final List<StageCheck> PASSING = List.of(new StageCheck("row count", true, "120 rows"));
    static final HumanApproval APPROVES = r -> Optional.of(new HumanApproval.Answer(true, "Ada", "good"));

    @BeforeEach
    void setUp() throws Exception {
        wb = new Workbench(root);
        stages = wb.stages();
        Files.createDirectories(root.resolve("data/parts"));
        Files.writeString(root.resolve("data/clean.csv"), "day,sales\n1,10\n2,12\n");
        Files.writeString(root.resolve("data/parts/a.csv"), "a\n");
    }

    private void approved(String... artifacts) {
        stages.execute("cleaning", List.of(artifacts));
        stages.review("cleaning", PASSING, "fine");
        assertThat(stages.approve("cleaning", APPROVES).state()).isEqualTo(StageState.APPROVED);
    }

    @Test
    void anApprovedFileEditedAfterwards_readsStale_namingIt_whileTheFilesOnDiskAreNotRewritten() throws Exception {
        approved("data/clean.csv");
        String statusOnDisk = Files.readString(root.resolve(".aw/stages/cleaning/status.json"));
        String approvalOnDisk = Files.readString(root.resolve(".aw/stages/cleaning/approval.json"));
        assertThat(stages.status("cleaning").state()).isEqualTo(StageState.APPROVED);
        assertThat(stages.status("cleaning").staleReason()).isNull();

        Files.writeString(root.resolve("data/clean.csv"), "day,sales\n1,10\n2,99\n"); // same size, other content
        StageRecords.Status now = stages.status("cleaning");
        assertThat(now.state()).isEqualTo(StageState.STALE);
        assertThat(now.staleReason()).isEqualTo("data/clean.csv changed since approval");
        assertThat(stages.statuses()).singleElement().isEqualTo(now);
        assertThat(stages.view("cleaning", "approval.json"))
                .get()
                .asString()
                .contains("\"stale\": true", "data/clean.csv changed since approval");
        assertThat(stages.view("cleaning", "status.json")).get().asString().contains("STALE", "staleReason");
        // readers never write: the stored records keep what was decided
        assertThat(root.resolve(".aw/stages/cleaning/status.json")).content().isEqualTo(statusOnDisk);
        assertThat(root.resolve(".aw/stages/cleaning/approval.json")).content().isEqualTo(approvalOnDisk);
    }

    @Test
    void aStaleArea_cannotBeReviewedOrApprovedAgain_aNewExecuteStartsOver() throws Exception {
        approved("data/clean.csv");
        Files.writeString(root.resolve("data/clean.csv"), "day,sales\n1,10\n");
        assertThatThrownBy(() -> stages.review("cleaning", PASSING, null))
                .isInstanceOfSatisfying(
                        WorkbenchException.class,
                        e -> assertThat(e.getMessage())
                                .contains("STALE", "data/clean.csv changed since approval", "execute it again"));
        Stages.Result again = stages.execute("cleaning", List.of("data/clean.csv"));
        assertThat(again.state()).isEqualTo(StageState.EXECUTED);
        assertThat(again.previous())
                .as("the state readers showed, not the stored APPROVED")
                .isEqualTo(StageState.STALE);
        assertThat(stages.status("cleaning").staleReason()).isNull();
        stages.review("cleaning", PASSING, null);
        assertThat(stages.status("cleaning").state()).isEqualTo(StageState.REVIEWED);
    }

    @Test
    void aReviewedArtifactDeleted_readsStale_andApprovalIsRefusedBeforeAnyoneIsAsked() throws Exception {
        stages.execute("cleaning", List.of("data/clean.csv"));
        stages.review("cleaning", PASSING, null);
        Files.delete(root.resolve("data/clean.csv"));
        assertThat(stages.status("cleaning").staleReason()).isEqualTo("data/clean.csv is missing since review");
        boolean[] asked = {false};
        assertThatThrownBy(() -> stages.approve("cleaning", r -> {
                    asked[0] = true;
                    return Optional.empty();
                }))
                .isInstanceOfSatisfying(
                        WorkbenchException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_TRANSITION));
        assertThat(asked[0]).isFalse();
    }

    @Test
    void aFileAddedToAnApprovedFolder_readsStale() throws Exception {
        approved("data/parts", "data/clean.csv");
        Files.writeString(root.resolve("data/parts/b.csv"), "b\n");
        assertThat(stages.status("cleaning").staleReason()).isEqualTo("data/parts changed since approval");
    }

    @Test
    void manyChangedArtifacts_areNamedUpToThree_andCounted() throws Exception {
        for (int i = 0; i < 5; i++) {
            Files.writeString(root.resolve("data/f" + i + ".csv"), "x" + i + "\n");
        }
        approved("data/f0.csv", "data/f1.csv", "data/f2.csv", "data/f3.csv", "data/f4.csv");
        for (int i = 0; i < 5; i++) {
            Files.writeString(root.resolve("data/f" + i + ".csv"), "y" + i + "\n");
        }
        assertThat(stages.status("cleaning").staleReason())
                .isEqualTo("data/f0.csv changed; data/f1.csv changed; data/f2.csv changed and 2 more since approval");
    }

    @Test
    void anApprovalJsonOfOtherArtifacts_doesNotApprove() throws Exception {
        approved("data/clean.csv");
        Path approval = root.resolve(".aw/stages/cleaning/approval.json");
        Files.writeString(
                approval, Files.readString(approval).replaceAll("\"sha256\": \"[0-9a-f]+\"", "\"sha256\": \"00\""));
        assertThat(stages.status("cleaning").staleReason()).contains("approval.json approves other artifacts");
    }

    @Test
    void reading_takesUnchangedFilesFromTheStatCache_ratherThanReadingThemAgain() throws Exception {
        approved("data/clean.csv");
        Path csv = root.resolve("data/clean.csv");
        // Remember a wrong hash for the file's present stat: a reader that trusts the cache then sees a change
        // though the bytes are the same, which shows it did not read the file. (Writers only remember files older
        // than the racy window, so the test writes the entry itself.)
        var a = Files.readAttributes(csv, "unix:size,lastModifiedTime,ctime,ino");
        long mtime = ((FileTime) a.get("lastModifiedTime")).to(TimeUnit.MICROSECONDS);
        long ctime = ((FileTime) a.get("ctime")).to(TimeUnit.MICROSECONDS);
        String entry = "{\"files\":{\"data/clean.csv\":{\"size\":" + a.get("size") + ",\"mtime\":" + mtime
                + ",\"ctime\":" + ctime + ",\"inode\":" + a.get("ino") + ",\"sha256\":\"%s\"}}}";
        Files.createDirectories(root.resolve(".aw/cache"));
        Files.writeString(root.resolve(".aw/cache/stat.json"), entry.formatted("0".repeat(64)));
        assertThat(stages.status("cleaning").staleReason()).isEqualTo("data/clean.csv changed since approval");
        Files.writeString(root.resolve(".aw/cache/stat.json"), entry.formatted(Sha256.of(csv)));
        assertThat(stages.status("cleaning").state()).isEqualTo(StageState.APPROVED);
    }
}
