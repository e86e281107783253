package dev.workbench.core.runbook;

/** One section of the runbook: the name the result lists, and its Markdown, heading included. */
interface Section {
    String name();

    /** Appends the section; says plainly when there is nothing to show yet. */
    void render(RunbookState state, MarkdownLines out);
}
