package dev.workbench.tools;

/**
 * One MCP tool, free of any protocol code: a typed input (a record whose compact constructor checks it), a
 * typed output, and {@link #call}. The server and the command line run every tool through
 * {@link ToolExecutor}, so binding, errors and size limits behave the same everywhere.
 *
 * @param <I> the input record
 * @param <O> the output record
 */
public interface Tool<I, O> {
    /** The wire name, e.g. {@code get-project}. */
    String name();

    /** A short human title. */
    String title();

    /** One sentence for the agent's context. */
    String description();

    Class<I> inputType();

    Class<O> outputType();

    Hints hints();

    /** Runs the tool; a user error is thrown as a {@link dev.workbench.core.WorkbenchException}. */
    O call(I input, ToolContext context);

    /** The MCP annotations: does it change anything, can it destroy data, is repeating it harmless. */
    record Hints(boolean readOnly, boolean destructive, boolean idempotent) {
        public static final Hints READ_ONLY = new Hints(true, false, true);
        /** Only adds (a journal line): nothing existing changes. */
        public static final Hints ADDITIVE = new Hints(false, false, false);
        /** Replaces stored values; the same call twice leaves the same state. */
        public static final Hints OVERWRITES_IDEMPOTENT = new Hints(false, true, true);
        /** Replaces stored values and appends to the feed, so repeating it adds entries. */
        public static final Hints OVERWRITES = new Hints(false, true, false);
    }
}
