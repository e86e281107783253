package dev.workbench.resources;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The skills packaged with the workbench ({@code skills/<name>/SKILL.md} on the class path), each served as an MCP
 * prompt named after the skill. The front matter gives the name and the one-line description.
 */
public final class Skills {
    /** One skill: its name, description and the Markdown body that teaches it. */
    public record Skill(String name, String description, String body) {}

    private static final String DIR = "skills/";
    private static final String FILE = "/SKILL.md";

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
                return read((JarURLConnection) index.openConnection());
            }
            return read(Path.of(index.toURI()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The skills in the server's jar, found in its central directory by {@code JarFile}, which the class loader
     * has already loaded: a zip file system over the 15 MB jar cost 60 to 80 ms of every start. Folders in name
     * order, as {@link #read(Path)} lists them.
     */
    private static List<Skill> read(JarURLConnection connection) throws IOException {
        connection.setUseCaches(false); // a jar of its own, closed here
        try (JarFile jar = connection.getJarFile()) {
            List<String> folders = jar.stream()
                    .map(JarEntry::getName)
                    .filter(name -> name.startsWith(DIR) && name.endsWith(FILE))
                    .map(name -> name.substring(DIR.length(), name.length() - FILE.length()))
                    .filter(folder -> !folder.isEmpty() && folder.indexOf('/') < 0)
                    .sorted()
                    .toList();
            List<Skill> skills = new ArrayList<>();
            for (String folder : folders) {
                try (InputStream in = jar.getInputStream(jar.getEntry(DIR + folder + FILE))) {
                    skills.add(parse(folder, new String(in.readAllBytes(), StandardCharsets.UTF_8)));
                }
            }
            return List.copyOf(skills);
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
