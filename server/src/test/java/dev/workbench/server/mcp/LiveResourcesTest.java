package dev.workbench.server.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.workbench.core.Workbench;
import dev.workbench.server.stdio.InProcessSession;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Subscriptions over the stdio wire format: changes by the server itself and by a person editing {@code .aw/}
 * reach the subscriber; unknown URIs are refused; the watcher starts only with the first subscription.
 * (A change by another process is in {@code HttpServerIT} and {@code StdioProcessIT}.)
 */
class LiveResourcesTest {
    static final long WAIT_S = 10; // generous: the contract's "within a second" is measured by the benchmark

    @TempDir
    Path root;

    InProcessSession session;
    /** Every URI a notifications/resources/updated named (the client re-reads it and reports the contents). */
    final Set<String> updated = ConcurrentHashMap.newKeySet();

    final AtomicInteger listChanges = new AtomicInteger();

    @BeforeEach
    void start() {
        session = InProcessSession.open(
                new Workbench(root),
                spec -> spec.resourcesUpdateConsumer(contents -> contents.forEach(c -> updated.add(c.uri())))
                        .resourcesChangeConsumer(resources -> listChanges.incrementAndGet()));
    }

    @AfterEach
    void stop() {
        session.close();
    }

    @Test
    void theServerAdvertisesSubscriptionsAndListChanges() {
        McpSchema.ServerCapabilities.ResourceCapabilities resources =
                session.client().getServerCapabilities().resources();
        assertThat(resources.subscribe()).isTrue();
        assertThat(resources.listChanged()).isTrue();
    }

    @Test
    void aWriteByTheServer_reachesTheSubscriber_andANewExperimentChangesTheList() throws Exception {
        assertThat(watcherThreads()).as("no watcher before anyone subscribes").isZero();
        call("upsert-experiment", Map.of("slug", "first", "hypothesis", "before anyone listens"));

        subscribe("aw://experiments/checkout"); // does not exist yet
        subscribe("aw://experiments");
        assertThat(watcherThreads()).isEqualTo(1);
        call("upsert-experiment", Map.of("slug", "checkout", "hypothesis", "shorter forms convert better"));

        awaitUpdate("aw://experiments/checkout");
        awaitUpdate("aw://experiments");
        awaitListChange();

        subscribe("aw://project");
        assertThat(watcherThreads())
                .as("one watcher, however many subscriptions")
                .isEqualTo(1);
    }

    @Test
    void aClaimWritten_andAnExperimentPointingToIt_reachTheClaimsSubscribers() throws Exception {
        subscribe("aw://claims");
        subscribe("aw://claims/forms"); // does not exist yet
        call("upsert-claim", Map.of("slug", "forms", "statement", "Shorter forms convert better"));
        awaitUpdate("aw://claims/forms");
        awaitUpdate("aw://claims");
        updated.clear();
        call("upsert-experiment", Map.of("slug", "short-form", "claim", "forms"));
        awaitUpdate("aw://claims/forms");
        awaitUpdate("aw://claims");
    }

    @Test
    void aPersonEditingAFile_reachesTheSubscriber() throws Exception {
        call("upsert-experiment", Map.of("slug", "checkout", "hypothesis", "c"));
        subscribe("aw://experiments/checkout");
        subscribe("aw://runbook");
        updated.clear();

        Path record = root.resolve(".aw/experiments/checkout.json");
        Files.writeString(record, Files.readString(record).replace("\"c\"", "\"edited by hand\""));
        awaitUpdate("aw://experiments/checkout");

        Files.writeString(root.resolve("runbook.md"), "# Runbook\n");
        awaitUpdate("aw://runbook");
        assertThat(listChanges.get())
                .as("rewriting an experiment does not change the list")
                .isZero();
    }

    @Test
    void unsubscribing_isAnswered_andSubscribingAgainWorks() throws Exception {
        subscribe("aw://journal");
        session.client().unsubscribeResource(new McpSchema.UnsubscribeRequest("aw://journal"));
        subscribe("aw://journal");
        call("log-decision", Map.of("context", "c", "options", List.of("a", "b"), "chosen", "a", "rationale", "r"));
        awaitUpdate("aw://journal");
    }

    @Test
    void aUriThatNamesNoResource_isRefused_andStartsNoWatcher() {
        for (String uri :
                List.of("aw://nothing", "https://example.com/x", "aw://experiments/Not A Slug", "aw://runs/../x")) {
            assertThatThrownBy(() -> subscribe(uri))
                    .as(uri)
                    .isInstanceOfSatisfying(
                            McpError.class,
                            e -> assertThat(e.getJsonRpcError().message())
                                    .contains(uri.length() > 20 ? uri.substring(0, 12) : uri));
        }
        assertThat(watcherThreads()).isZero();
    }

    private void subscribe(String uri) {
        session.client().subscribeResource(new McpSchema.SubscribeRequest(uri));
    }

    private void call(String tool, Map<String, Object> args) {
        McpSchema.CallToolResult r = session.client()
                .callTool(
                        McpSchema.CallToolRequest.builder(tool).arguments(args).build());
        assertThat(r.isError()).as(tool + ": " + r.content()).isFalse();
    }

    private void awaitUpdate(String uri) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_S);
        while (!updated.contains(uri) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(updated)
                .as("notifications/resources/updated within " + WAIT_S + " s")
                .contains(uri);
    }

    private void awaitListChange() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_S);
        while (listChanges.get() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(listChanges.get()).as("notifications/resources/list_changed").isPositive();
    }

    private static long watcherThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("aw-watcher"))
                .count();
    }
}
