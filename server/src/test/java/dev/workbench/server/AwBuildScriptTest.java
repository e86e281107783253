package dev.workbench.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/aw-build, the jar's first-use build, on a copy of the script in a temporary checkout, with a stand-in for mvn
 * that writes the jar and counts its runs: it builds once however many callers arrive together, prints only on
 * stderr, and fails with exit 1 (never 2, which would block an agent's tool call) when it cannot build.
 */
class AwBuildScriptTest {
    @TempDir
    Path home;

    private Path tools;

    private void checkout(String fakeMvn) throws Exception {
        Files.createDirectories(home.resolve("bin"));
        Files.copy(Processes.REPO.resolve("bin/aw-build"), home.resolve("bin/aw-build"));
        tools = Files.createDirectories(home.resolve("tools"));
        for (String tool : new String[] {"bash", "cat", "mkdir", "rm", "sleep", "dirname", "readlink", "env"}) {
            for (String dir : new String[] {"/bin", "/usr/bin"}) {
                if (Files.isExecutable(Path.of(dir, tool)) && !Files.exists(tools.resolve(tool))) {
                    Files.createSymbolicLink(tools.resolve(tool), Path.of(dir, tool));
                }
            }
        }
        if (fakeMvn != null) {
            Path mvn = tools.resolve("mvn");
            Files.writeString(
                    mvn, "#!/bin/bash\necho run >> \"$PWD/mvn-runs\"\necho 'building...'\nsleep 1\n" + fakeMvn);
            Files.setPosixFilePermissions(mvn, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    private Process start() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(
                tools.resolve("bash").toString(), home.resolve("bin/aw-build").toString());
        pb.environment().put("PATH", tools.toString());
        return pb.start();
    }

    private record Ran(int exit, String out, String err) {}

    private static Ran finish(Process p) throws Exception {
        String out = new String(p.getInputStream().readAllBytes());
        String err = new String(p.getErrorStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Ran(p.exitValue(), out, err);
    }

    @Test
    void concurrentCallers_buildOnce_andAllFindTheJar() throws Exception {
        checkout("mkdir -p server/target && echo jar > server/target/aw.jar\n");
        List<Process> callers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            callers.add(start());
        }
        for (Process p : callers) {
            Ran r = finish(p);
            assertThat(r.exit()).as(r.err()).isZero();
            assertThat(r.out()).as("stdout may be an MCP channel").isEmpty();
        }
        assertThat(Files.readAllLines(home.resolve("mvn-runs"))).hasSize(1);
        assertThat(home.resolve("server/target/aw.jar")).exists();
        assertThat(home.resolve("server/target/.aw-build.lock")).doesNotExist();
        Ran again = finish(start());
        assertThat(again.exit()).isZero();
        assertThat(again.err()).isEmpty();
        assertThat(Files.readAllLines(home.resolve("mvn-runs"))).hasSize(1);
    }

    @Test
    void aFailedBuild_exitsOne_sayingHowToSeeWhy() throws Exception {
        checkout("exit 1\n");
        Ran r = finish(start());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("aw: building", "aw: the build failed; run (cd '" + home.toRealPath());
        assertThat(home.resolve("server/target/.aw-build.lock")).doesNotExist();
    }

    @Test
    void withoutMaven_itExitsOne_sayingWhatToInstall() throws Exception {
        checkout(null);
        Ran r = finish(start());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("Maven (mvn) is not on the PATH", "mvn -q -DskipTests package");
    }

    @Test
    void aLockLeftByADeadBuilder_isTakenOver() throws Exception {
        checkout("mkdir -p server/target && echo jar > server/target/aw.jar\n");
        Path lock = Files.createDirectories(home.resolve("server/target/.aw-build.lock"));
        Process dead = new ProcessBuilder("true").start();
        dead.waitFor();
        Files.writeString(lock.resolve("pid"), dead.pid() + "\n");
        Ran r = finish(start());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(home.resolve("server/target/aw.jar")).exists();
    }
}
