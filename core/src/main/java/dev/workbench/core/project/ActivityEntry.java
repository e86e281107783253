package dev.workbench.core.project;

/**
 * One entry of the activity log: what happened, when, in a form a person can skim.
 *
 * @param at     ISO-8601 UTC
 * @param type   a dotted name such as {@code experiment.created}
 * @param title  one line for a person
 * @param detail optional longer text
 */
public record ActivityEntry(String at, String type, String title, String detail) {}
