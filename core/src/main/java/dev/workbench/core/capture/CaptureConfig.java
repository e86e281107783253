package dev.workbench.core.capture;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workbench.core.ErrorCode;
import dev.workbench.core.Json;
import dev.workbench.core.WorkbenchException;
import dev.workbench.core.workspace.Store;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * What the hooks capture, {@code .aw/config.json}: written by {@code aw init}, edited by people.
 *
 * <pre>{"track": ["data", "outputs"], "autoCheckpoint": true}</pre>
 *
 * @param track          folders or files, relative to the root, whose changes a shell command is recorded by (besides
 *                       the folders of checkpoints and earlier runs); absent paths are fine (a folder a command will create)
 * @param autoCheckpoint before each shell command, checkpoint tracked data that changed since its last checkpoint
 */
public record CaptureConfig(List<String> track, boolean autoCheckpoint) {
    public static final String FILE = "config.json";
    private static final String SHOWN = ".aw/" + FILE;

    /**
     * The folders {@code aw init} tracks when they exist at the root: where data and results conventionally live.
     * Build output ({@code target}, {@code build}, {@code dist}), logs and tool caches ({@code mlruns}, {@code wandb})
     * are left out: they change with every command and are not results anyone rolls back to.
     */
    public static final List<String> CONVENTIONAL = List.of(
            "data",
            "datasets",
            "outputs",
            "output",
            "results",
            "models",
            "artifacts",
            "reports",
            "figures",
            "plots",
            "checkpoints",
            "predictions");

    /**
     * The conventional folders a pipeline writes its results into, tracked by {@code aw init} even before they exist:
     * the first run that creates {@code outputs/} is then seen (a path that does not exist costs one failed stat).
     */
    public static final List<String> OUTPUT_FOLDERS =
            List.of("outputs", "results", "models", "artifacts", "reports", "figures", "plots", "predictions");

    /** Without a config file: nothing tracked beyond checkpoints and runs, no automatic checkpoints. */
    public static final CaptureConfig ABSENT = new CaptureConfig(List.of(), false);

    public CaptureConfig {
        track = List.copyOf(track);
    }

    /** The config of the workspace, {@link #ABSENT} without the file; a malformed file is INVALID_INPUT naming the field. */
    public static CaptureConfig load(Store store) {
        Path file = store.path(FILE);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return ABSENT;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        JsonNode node;
        try {
            node = Json.mapper().readTree(bytes);
        } catch (IOException e) {
            throw invalid("is not JSON (" + e.getMessage().lines().findFirst().orElse("") + ")");
        }
        return parse(node);
    }

    /** The config a JSON tree describes; each mistake is named by its field. */
    static CaptureConfig parse(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw invalid("expected a JSON object such as {\"track\": [\"data\"], \"autoCheckpoint\": true}");
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals("track") && !name.equals("autoCheckpoint")) {
                throw invalid("unknown field \"" + name
                        + "\"; the fields are track (a list of paths) and autoCheckpoint (true or false)");
            }
        }
        List<String> track = new ArrayList<>();
        JsonNode t = node.get("track");
        if (t != null && !t.isNull()) {
            if (!t.isArray()) {
                throw invalid(
                        "track: expected a list of paths relative to the root, such as [\"data\", \"outputs\"], got "
                                + t);
            }
            for (int i = 0; i < t.size(); i++) {
                track.add(trackPath(t.get(i), "track[" + i + "]"));
            }
        }
        JsonNode auto = node.get("autoCheckpoint");
        if (auto != null && !auto.isNull() && !auto.isBoolean()) {
            throw invalid("autoCheckpoint: expected true or false, got " + auto);
        }
        return new CaptureConfig(track, auto != null && auto.asBoolean(false));
    }

    /** A tracked path as written, normalised ({@code ./data/} is {@code data}), then held to {@link TrackedPaths#refusal}. */
    private static String trackPath(JsonNode value, String field) {
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw invalid(field + ": expected a path relative to the root, such as \"data\", got " + value);
        }
        String given = value.asText();
        String norm;
        try {
            norm = Path.of(given).normalize().toString().replace('\\', '/');
        } catch (InvalidPathException e) {
            throw invalid(field + ": not a valid path: \"" + given + "\"");
        }
        String refusal = TrackedPaths.refusal(norm);
        if (refusal != null) {
            throw invalid(field + ": \"" + given + "\" " + refusal
                    + (refusal.startsWith("is the whole root")
                            ? "; name the folders that hold data and results, so that a shell command does not walk the whole repository"
                            : refusal.startsWith("is not inside")
                                    ? "; expected a path inside the root, relative to it"
                                    : ""));
        }
        return norm;
    }

    private static WorkbenchException invalid(String what) {
        return new WorkbenchException(ErrorCode.INVALID_INPUT, SHOWN + ": " + what);
    }

    /** What {@link #initialize} did. */
    public record Initialized(boolean written, CaptureConfig config) {
        /** One line for {@code aw init} to print. */
        public String line() {
            return SHOWN
                    + (written
                            ? ": written, tracking "
                                    + (config.track.isEmpty()
                                            ? "no folders yet (add them to \"track\")"
                                            : String.join(", ", config.track))
                                    + ", automatic checkpoints on"
                            : ": kept as it is");
        }
    }

    /**
     * Writes {@code .aw/config.json} when it does not exist: the {@link #CONVENTIONAL} folders found at the root
     * (real folders, not links), the {@link #OUTPUT_FOLDERS} not there yet, and automatic checkpoints on. An existing file is never overwritten, nor read.
     */
    public static Initialized initialize(Store store) {
        return store.transaction(() -> {
            if (Files.exists(store.path(FILE), LinkOption.NOFOLLOW_LINKS)) {
                return new Initialized(false, null);
            }
            List<String> found = CONVENTIONAL.stream()
                    .filter(name -> Files.isDirectory(store.root().resolve(name), LinkOption.NOFOLLOW_LINKS)
                            || (OUTPUT_FOLDERS.contains(name)
                                    && !Files.exists(store.root().resolve(name), LinkOption.NOFOLLOW_LINKS)))
                    .toList();
            CaptureConfig config = new CaptureConfig(found, true);
            store.write(FILE, config);
            return new Initialized(true, config);
        });
    }
}
