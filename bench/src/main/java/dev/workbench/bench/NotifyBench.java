package dev.workbench.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * How long a change takes to reach a subscriber (issue 6: "within one second"): one `aw serve` session
 * subscribes to an experiment; the change is made (a) by another `aw serve` process, as a second agent or a hook
 * would, timed from the moment its answer arrives, so the write is already on disk, and (b) by a person's editor,
 * timed from the rename of the edited file. The clock stops when the subscriber's notification line arrives.
 */
public final class NotifyBench {
    private static final int ROUNDS = 40;
    private static final String URI = "aw://experiments/watched";

    public static void main(String[] args) throws Exception {
        Path aw = Path.of(args.length > 0 ? args[0] : "bin/aw").toAbsolutePath();
        Path root = Files.createTempDirectory("aw-nbench-");
        try (Session subscriber = Session.start(aw, root);
                Session writer = Session.start(aw, root)) {
            writer.call("upsert-experiment", "{\"slug\":\"watched\",\"hypothesis\":\"c0\"}");
            subscriber.send(
                    "{\"jsonrpc\":\"2.0\",\"id\":\"sub\",\"method\":\"resources/subscribe\",\"params\":{\"uri\":\""
                            + URI + "\"}}");
            subscriber.awaitLine("\"id\":\"sub\"");
            Thread.sleep(500); // let any batch from the first write go by

            List<Double> byProcess = new ArrayList<>();
            for (int i = 1; i <= ROUNDS; i++) {
                subscriber.lines.clear();
                writer.call("upsert-experiment", "{\"slug\":\"watched\",\"hypothesis\":\"process " + i + "\"}");
                long written = System.nanoTime();
                byProcess.add((subscriber.awaitLine(URI) - written) / 1e6);
                Thread.sleep(300); // a quiet gap, so each round times one batch
            }
            List<Double> byHand = new ArrayList<>();
            Path record = root.resolve(".aw/experiments/watched.json");
            for (int i = 1; i <= ROUNDS; i++) {
                subscriber.lines.clear();
                Path edited = root.resolve(".aw/experiments/watched.json.edit");
                Files.writeString(
                        edited,
                        Files.readString(record)
                                .replaceFirst(
                                        "\"hypothesis\"\\s*:\\s*\"[^\"]*\"", "\"hypothesis\": \"edited " + i + "\""));
                Files.move(edited, record, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                long written = System.nanoTime();
                byHand.add((subscriber.awaitLine(URI) - written) / 1e6);
                Thread.sleep(300);
            }
            row("write by another aw process → subscriber notified", byProcess);
            row("edit by hand (rename) → subscriber notified", byHand);
        } finally {
            new ProcessBuilder("rm", "-rf", root.toString()).start().waitFor();
        }
    }

    private static void row(String what, List<Double> ms) {
        List<Double> sorted = new ArrayList<>(ms);
        Collections.sort(sorted);
        System.out.printf(
                "%-52s median %5.0f ms, p90 %5.0f ms, max %5.0f ms (%d rounds)   target ≤ 1000 ms%n",
                what,
                sorted.get(sorted.size() / 2),
                sorted.get((int) Math.ceil(sorted.size() * 0.9) - 1),
                sorted.get(sorted.size() - 1),
                sorted.size());
    }

    /** One `aw serve` process over stdio; a reader thread stamps each line as it arrives. */
    private static final class Session implements AutoCloseable {
        record Line(String text, long at) {}

        final BlockingQueue<Line> lines = new LinkedBlockingQueue<>();
        private final Process process;
        private final OutputStream in;
        private int ids;

        private Session(Process process) {
            this.process = process;
            this.in = process.getOutputStream();
            Thread reader = new Thread(() -> {
                try (BufferedReader out =
                        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = out.readLine()) != null; ) {
                        lines.add(new Line(line, System.nanoTime()));
                    }
                } catch (IOException e) {
                    // the process ended
                }
            });
            reader.setDaemon(true);
            reader.start();
        }

        static Session start(Path aw, Path root) throws Exception {
            Session s = new Session(new ProcessBuilder(aw.toString(), "serve", "--root", root.toString())
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start());
            s.send(
                    "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
                            + "\"capabilities\":{},\"clientInfo\":{\"name\":\"bench\",\"version\":\"1\"}}}");
            s.awaitLine("\"id\":0");
            s.send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
            return s;
        }

        void send(String line) throws IOException {
            in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            in.flush();
        }

        void call(String tool, String arguments) throws Exception {
            String id = "c" + (++ids);
            send("{\"jsonrpc\":\"2.0\",\"id\":\"" + id + "\",\"method\":\"tools/call\",\"params\":{\"name\":\"" + tool
                    + "\",\"arguments\":" + arguments + "}}");
            awaitLine("\"id\":\"" + id + "\"");
        }

        /** When the first line containing {@code marker} arrived (nanoTime); fails after 10 s. */
        long awaitLine(String marker) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (System.nanoTime() < deadline) {
                Line line = lines.poll(100, TimeUnit.MILLISECONDS);
                if (line != null && line.text().contains(marker)) {
                    return line.at();
                }
            }
            throw new IllegalStateException("no line with " + marker + " within 10 s");
        }

        @Override
        public void close() throws Exception {
            in.close();
            process.waitFor(10, TimeUnit.SECONDS);
            process.destroy();
        }
    }
}
