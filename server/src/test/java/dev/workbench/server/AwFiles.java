package dev.workbench.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workbench.core.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Checks on the files a workbench left under .aw/. */
public final class AwFiles {
    private AwFiles() {}

    /** Every visible JSON file parses and every JSONL line parses; returns the number of files checked. */
    public static int assertAllReadable(Path root) throws IOException {
        Path aw = root.resolve(".aw");
        int checked = 0;
        try (Stream<Path> walk = Files.walk(aw)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                String name = p.getFileName().toString();
                if (name.startsWith(".")) {
                    continue; // the lock and temporary files of interrupted writes are never read
                }
                if (name.endsWith(".json")) {
                    assertThat(Json.mapper().readTree(p.toFile()))
                            .as(p.toString())
                            .isNotNull();
                    checked++;
                } else if (name.endsWith(".jsonl")) {
                    lines(p);
                    checked++;
                }
            }
        }
        return checked;
    }

    public static List<JsonNode> lines(Path jsonl) throws IOException {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : Files.readAllLines(jsonl)) {
            assertThat(line).as("a whole line in " + jsonl).isNotBlank();
            nodes.add(Json.mapper().readTree(line));
        }
        return nodes;
    }
}
