package dev.workbench.core.checkpoint;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** What a checkpoint entry records; written in manifests as {@code file}, {@code dir} or {@code symlink}. */
public enum EntryType {
    FILE("file"),
    DIR("dir"),
    SYMLINK("symlink");

    private final String json;

    EntryType(String json) {
        this.json = json;
    }

    @JsonValue
    public String json() {
        return json;
    }

    /**
     * The type a manifest names, or null for a name no checkpoint writes: manifests are files people edit, and an
     * unknown type is reported by the validation of the manifest that holds it ({@link ManifestCheck}), not by the
     * reader, so that a list of checkpoints still shows it.
     */
    @JsonCreator
    public static EntryType of(String json) {
        for (EntryType t : values()) {
            if (t.json.equals(json)) {
                return t;
            }
        }
        return null;
    }
}
