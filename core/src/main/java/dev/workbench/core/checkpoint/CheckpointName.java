package dev.workbench.core.checkpoint;

import dev.workbench.core.Check;
import dev.workbench.core.ErrorCode;
import dev.workbench.core.WorkbenchException;
import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A checkpoint's name, {@code NN_operation}: its number (two digits at least) and the operation it followed. The
 * one place that writes, reads and checks the form, and that decides which stored checkpoint a reference names
 * ({@code 2}, {@code "02"} or {@code "02_cleaned"}).
 *
 * @param number    from 1, in the order checkpoints were taken
 * @param operation a word ({@link Check#word})
 */
public record CheckpointName(int number, String operation) {
    /** The start of the operation name of the checkpoint a rollback takes first: {@code pre-rollback-to-MM}. */
    public static final String SAFETY_PREFIX = "pre-rollback-to-";

    private static final Pattern NUMBER = Pattern.compile("\\d{1,9}");

    /**
     * Stored names in the order they were taken: by number, not as text ({@code 100_x} after {@code 99_y}); a name
     * of another form (a file put there by hand) before them all, by text.
     */
    public static final Comparator<String> BY_NUMBER = Comparator.<String>comparingInt(
                    n -> parse(n).map(CheckpointName::number).orElse(-1))
            .thenComparing(Comparator.naturalOrder());

    /** The operation of the safety checkpoint taken before rolling back to checkpoint number {@code target}. */
    static String safetyOperation(int target) {
        return String.format(SAFETY_PREFIX + "%02d", target);
    }

    /** A stored name read back: digits, an underscore, the operation; empty for a name of another form. */
    public static Optional<CheckpointName> parse(String name) {
        int underscore = name == null ? -1 : name.indexOf('_');
        if (underscore <= 0 || !NUMBER.matcher(name.substring(0, underscore)).matches()) {
            return Optional.empty();
        }
        return Optional.of(
                new CheckpointName(Integer.parseInt(name.substring(0, underscore)), name.substring(underscore + 1)));
    }

    /**
     * {@code operation} when a user checkpoint may take it: a word that does not pose as a rollback's safety
     * checkpoint (the runbook reads rollbacks from their names); {@code why} says why the prefix is kept.
     */
    static String checkOperation(String operation, String why) {
        Check.word(operation, "operation");
        if (operation.startsWith(SAFETY_PREFIX)) {
            throw Check.invalid("operation", "a name not starting with \"" + SAFETY_PREFIX + "\"" + why, operation);
        }
        return operation;
    }

    /**
     * {@code ref} when it can name a checkpoint, a number ({@code 2}, {@code "02"}) or a name ({@code "02_cleaned"}),
     * whether or not such a checkpoint exists; else {@code INVALID_INPUT}.
     */
    public static String checkRef(String ref) {
        if (ref == null || ref.isBlank()) {
            throw new WorkbenchException(
                    ErrorCode.INVALID_INPUT, "checkpoint: required, a number or a name such as 02_cleaned");
        }
        if (refNumber(ref) == null) {
            Check.word(ref, "checkpoint");
        }
        return ref;
    }

    /** Whether the reference {@code ref} (checked by {@link #checkRef}) names the stored checkpoint {@code name}. */
    public static boolean refersTo(String ref, String name) {
        Integer number = refNumber(ref);
        return number != null ? parse(name).map(n -> n.number() == number).orElse(false) : name.equals(ref);
    }

    /** The checkpoint number a reference gives, digits only ("+2" and "-1" are no numbers); null for a name. */
    private static Integer refNumber(String ref) {
        return NUMBER.matcher(ref).matches() ? Integer.parseInt(ref) : null;
    }

    /** The name as stored: {@code 02_cleaned}. */
    @Override
    public String toString() {
        return String.format("%02d_%s", number, operation);
    }
}
