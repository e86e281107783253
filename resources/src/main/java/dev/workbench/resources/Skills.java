package dev.workbench.resources;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The skills packaged with the workbench ({@code skills/<name>/SKILL.md} on the class path), each served as an MCP
 * prompt named after the skill. The front matter gives the name and the one-line description.
 */
public final class Skills {
    /** One skill: its name, description and the Markdown body that teaches it. */
    public record Skill(String name, String description, String body) {}

    private Skills() {}

    /** Every packaged skill, by name. Read once: skills do not change while the server runs. */
    public static List<Skill> all() {
        return Holder.ALL;
    }

    private static final class Holder {
        static final List<Skill> ALL = load();
    }

    private static List<Skill> load() {
        URL index = Skills.class.getClassLoader().getResource("skills");
        if (index == null) {
            return List.of();
        }
        try {
            if ("jar".equals(index.getProtocol())) {
                try (FileSystem jar = FileSystems.newFileSystem(index.toURI(), Map.of())) {
                    return read(jar.getPath("/skills"));
                }
            }
            return read(Path.of(index.toURI()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Skill> read(Path dir) throws IOException {
        List<Skill> skills = new ArrayList<>();
        try (Stream<Path> children = Files.list(dir)) {
            for (Path skillDir : children.sorted().toList()) {
                Path file = skillDir.resolve("SKILL.md");
                if (Files.exists(file)) {
                    try (InputStream in = Files.newInputStream(file)) {
                        skills.add(parse(
                                skillDir.getFileName().toString().replace("/", ""),
                                new String(in.readAllBytes(), StandardCharsets.UTF_8)));
                    }
                }
            }
        }
        return List.copyOf(skills);
    }

    /** Splits the YAML front matter ({@code name:}, {@code description:}) from the body. */
    static Skill parse(String folder, String text) {
        String name = folder;
        String description = "";
        String body = text;
        if (text.startsWith("---")) {
            int end = text.indexOf("\n---", 3);
            if (end > 0) {
                for (String line : text.substring(3, end).split("\n")) {
                    if (line.startsWith("name:")) {
                        name = unquote(line.substring(5).trim());
                    } else if (line.startsWith("description:")) {
                        description = unquote(line.substring(12).trim());
                    }
                }
                body = text.substring(text.indexOf('\n', end + 1) + 1);
            }
        }
        return new Skill(name, description, body.strip() + "\n");
    }

    private static String unquote(String value) {
        return value.length() >= 2
                        && (value.startsWith("\"") && value.endsWith("\"")
                                || value.startsWith("'") && value.endsWith("'"))
                ? value.substring(1, value.length() - 1)
                : value;
    }
}
