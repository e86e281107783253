package dev.workbench.core.capture;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workbench.core.WorkbenchException;
import dev.workbench.core.workspace.ConfinedFiles;
import dev.workbench.core.workspace.ConfinedFolder;
import dev.workbench.core.workspace.Store;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Params and metrics from the conventional files among a run's outputs: {@code metrics.json} (DVC's, or any
 * script's), W&B's {@code summary.json}/{@code wandb-summary.json}, DVC's {@code params.yaml}/{@code .yml}/{@code .json},
 * Hydra's {@code .hydra/config.yaml} and {@code .hydra/overrides.yaml}; an output folder is looked into one level
 * deep, and into its {@code .hydra/}. Files are read through {@link ConfinedFiles}, so a link out of the root is
 * never followed; a file that is too large, malformed or unreadable is skipped with a note, never an error.
 * When two files give one key, the first read keeps it (outputs in the order given, names in {@link #NAMES} order).
 */
final class ConventionalFiles {
    /** Larger files are skipped: a metrics file is small, and a hook must stay quick. */
    static final int MAX_BYTES = 1 << 20;
    /** At most this many files are read for one run. */
    static final int MAX_FILES = 20;
    /** Keys kept from the files before the caller's cap (bounded memory for a file of a million keys). */
    private static final int MAX_KEYS = 1000;

    private static final int MAX_DEPTH = 16;
    /** The names looked for in an output folder, in the order they are read. */
    static final List<String> NAMES = List.of(
            "metrics.json",
            "metrics.yaml",
            "metrics.yml",
            "summary.json",
            "wandb-summary.json",
            "params.yaml",
            "params.yml",
            "params.json");

    private static final List<String> HYDRA_NAMES = List.of("config.yaml", "overrides.yaml");
    private static final String HYDRA = ".hydra";
    private static final Pattern INTERPOLATION = Pattern.compile("\\$\\{[^}]*\\}");

    private enum Kind {
        METRICS,
        PARAMS,
        HYDRA_OVERRIDES
    }

    private final ConfinedFiles files;
    final Map<String, JsonNode> params = new LinkedHashMap<>();
    final Map<String, Double> metrics = new LinkedHashMap<>();
    final List<String> notes = new ArrayList<>();
    private int leftOut;

    ConventionalFiles(Path root) {
        this.files = new ConfinedFiles(root);
    }

    /** Reads the conventional files among {@code outputs} (paths relative to the root). */
    void read(List<String> outputs) {
        Set<String> found = new LinkedHashSet<>();
        for (String output : outputs) {
            String rel = relative(output);
            if (rel == null) {
                continue;
            }
            if (kind(rel) != null) {
                found.add(rel);
            } else {
                found.addAll(inFolder(rel));
            }
        }
        int n = 0;
        for (String rel : found) {
            if (++n > MAX_FILES) {
                notes.add((found.size() - MAX_FILES) + " more params or metrics files left unread (at most " + MAX_FILES
                        + " a run): "
                        + String.join(
                                ", ", new ArrayList<>(found).subList(MAX_FILES, Math.min(found.size(), MAX_FILES + 5)))
                        + (found.size() > MAX_FILES + 5 ? ", …" : ""));
                break;
            }
            readFile(rel);
        }
    }

    /** The output as a normalised path relative to the root, or null for one that cannot hold a file to read. */
    private String relative(String output) {
        if (output == null || output.isBlank()) {
            return null;
        }
        Path p;
        try {
            p = Path.of(output.strip()).normalize();
        } catch (InvalidPathException e) {
            return null;
        }
        if (p.isAbsolute()) {
            if (!p.startsWith(files.root())) {
                notes.add(output + ": outside the root, not read");
                return null;
            }
            p = files.root().relativize(p);
        }
        if (p.startsWith("..")) {
            notes.add(output + ": outside the root, not read");
            return null;
        }
        if (p.toString().isEmpty() || p.startsWith(Store.DIR)) {
            return p.toString().isEmpty() ? "." : null; // .aw/ is the workbench's, never a run's output
        }
        return p.toString();
    }

    private static Kind kind(String relative) {
        Path p = Path.of(relative);
        String name = p.getFileName() == null ? "" : p.getFileName().toString();
        String parent = p.getParent() == null || p.getParent().getFileName() == null
                ? ""
                : p.getParent().getFileName().toString();
        return switch (name) {
            case "metrics.json", "metrics.yaml", "metrics.yml", "summary.json", "wandb-summary.json" -> Kind.METRICS;
            case "params.yaml", "params.yml", "params.json" -> Kind.PARAMS;
            case "config.yaml" -> parent.equals(HYDRA) ? Kind.PARAMS : null;
            case "overrides.yaml" -> parent.equals(HYDRA) ? Kind.HYDRA_OVERRIDES : null;
            default -> null;
        };
    }

    /** The conventional files in folder {@code rel} and in its {@code .hydra/}; none when it is not a folder. */
    private List<String> inFolder(String rel) {
        List<String> out = new ArrayList<>();
        if (!Files.isDirectory(files.root().resolve(rel))) {
            return out; // a plain stat first: most outputs are files, and a confined walk costs more; a folder is
            // then listed through the confined walk, which refuses a link out of the root
        }
        List<String> names = names(rel);
        String prefix = rel.equals(".") ? "" : rel + "/";
        for (String name : NAMES) {
            if (names.contains(name)) {
                out.add(prefix + name);
            }
        }
        if (Path.of(rel).getFileName() != null
                && Path.of(rel).getFileName().toString().equals(HYDRA)) {
            HYDRA_NAMES.stream().filter(names::contains).forEach(n -> out.add(prefix + n));
        } else if (names.contains(HYDRA)) {
            List<String> hydra = names(prefix + HYDRA);
            HYDRA_NAMES.stream().filter(hydra::contains).forEach(n -> out.add(prefix + HYDRA + "/" + n));
        }
        return out;
    }

    private List<String> names(String rel) {
        try (ConfinedFolder f = files.folder(rel)) {
            return f.names();
        } catch (NoSuchFileException | NotDirectoryException e) {
            return List.of(); // a file, or gone
        } catch (WorkbenchException e) {
            notes.add(rel + ": " + e.getMessage());
        } catch (IOException | RuntimeException e) {
            notes.add(rel + ": could not be listed (" + e + ")");
        }
        return List.of();
    }

    private void readFile(String rel) {
        byte[] bytes;
        try (ConfinedFiles.Located at = files.locate(rel, true)) {
            if (!at.exists() || !at.attributes().isRegularFile()) {
                return; // deleted by the run, or not a file
            }
            if (at.attributes().size() > MAX_BYTES) {
                notes.add(rel + ": " + at.attributes().size() + " bytes, more than the " + MAX_BYTES
                        + " read for params and metrics; skipped");
                return;
            }
            try (InputStream in = at.parent().read(at.name())) {
                bytes = in.readNBytes(MAX_BYTES + 1);
            }
        } catch (NoSuchFileException | NotDirectoryException e) {
            return;
        } catch (WorkbenchException e) {
            notes.add(rel + ": " + e.getMessage());
            return;
        } catch (IOException | RuntimeException e) {
            notes.add(rel + ": could not be read (" + e + "); skipped");
            return;
        }
        if (bytes.length > MAX_BYTES) {
            notes.add(rel + ": grew past " + MAX_BYTES + " bytes while it was read; skipped");
            return;
        }
        JsonNode tree;
        leftOut = 0;
        try {
            Trees.Tree read = rel.endsWith(".json") ? Trees.json(bytes) : Trees.yaml(bytes);
            tree = read.node();
            leftOut = read.dropped();
        } catch (IOException | RuntimeException e) {
            notes.add(rel + ": not valid " + (rel.endsWith(".json") ? "JSON" : "YAML") + " (" + firstLine(e)
                    + "); skipped");
            return;
        }
        Kind kind = kind(rel);
        if (kind == Kind.HYDRA_OVERRIDES) {
            overrides(rel, tree);
        } else if (tree == null || !tree.isObject()) {
            notes.add(rel + ": expected a " + (rel.endsWith(".json") ? "JSON object" : "YAML mapping") + " of names to "
                    + (kind == Kind.METRICS ? "numbers" : "values") + "; skipped");
            return;
        } else if (kind == Kind.METRICS) {
            metrics("", tree, 0);
        } else {
            params("", tree, 0);
        }
        if (leftOut > 0) {
            notes.add(rel + ": " + leftOut + (leftOut == 1 ? " entry" : " entries") + " left out ("
                    + (kind == Kind.METRICS
                            ? "lists, text and booleans are not metrics"
                            : "nulls, long text, interpolations, YAML aliases")
                    + ", or names that are not keys)");
        }
    }

    private static String firstLine(Exception e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    /** Numbers, nested objects flattened with dots; W&B's {@code _}-names and media objects ({@code _type}) skipped. */
    private void metrics(String prefix, JsonNode node, int depth) {
        node.fields().forEachRemaining(e -> {
            String name = e.getKey();
            JsonNode v = e.getValue();
            if (name.startsWith("_") || (v.isObject() && v.has("_type"))) {
                return; // W&B's own: _runtime, _step, _timestamp, _wandb; a table or histogram
            }
            String key = ParamValues.key(prefix + name);
            if (v.isObject() && depth < MAX_DEPTH) {
                metrics(prefix + name + ".", v, depth + 1);
            } else if (key != null && v.isNumber() && Double.isFinite(v.asDouble())) {
                if (metrics.size() < MAX_KEYS) {
                    metrics.putIfAbsent(key, v.asDouble());
                }
            } else {
                leftOut++;
            }
        });
    }

    /** Scalars, nested objects flattened with dots, lists as their compact JSON text when short. */
    private void params(String prefix, JsonNode node, int depth) {
        node.fields().forEachRemaining(e -> {
            JsonNode v = e.getValue();
            String key = ParamValues.key(prefix + e.getKey());
            if (v.isObject() && depth < MAX_DEPTH && !v.isEmpty()) {
                params(prefix + e.getKey() + ".", v, depth + 1);
                return;
            }
            JsonNode value = null;
            if (v.isNumber()) {
                value = Double.isFinite(v.asDouble()) ? v : null;
            } else if (v.isBoolean()) {
                value = v;
            } else if (v.isTextual()) {
                value = INTERPOLATION.matcher(v.asText()).matches() ? null : ParamValues.text(v.asText());
            } else if (v.isArray() || v.isObject()) {
                value = ParamValues.text(v.toString());
            }
            if (key == null || value == null) {
                leftOut++;
            } else if (params.size() < MAX_KEYS) {
                params.putIfAbsent(key, value);
            }
        });
    }

    /** Hydra's overrides.yaml: a list of {@code key=value} strings, read as on the command line. */
    private void overrides(String rel, JsonNode tree) {
        if (tree == null || !tree.isArray()) {
            notes.add(rel + ": expected a YAML list of key=value overrides; skipped");
            return;
        }
        for (JsonNode o : tree) {
            ParamValues.Assignment a = o.isTextual() ? ParamValues.assignment(o.asText()) : null;
            if (o.isTextual() && ParamValues.removal(o.asText())) {
                continue;
            }
            String key = a == null ? null : ParamValues.key(a.name());
            JsonNode value = a == null ? null : a.node();
            if (key == null || value == null) {
                leftOut++;
            } else if (params.size() < MAX_KEYS) {
                params.putIfAbsent(key, value);
            }
        }
    }
}
