package dev.workbench.page;

/**
 * One rendered view: the document's title, which view it is ({@code overview}, {@code experiment}, {@code runs},
 * {@code run}, {@code checkpoints}, {@code review}: the navigation marks it and {@code <main data-view>} names it),
 * and the markup that goes inside {@code <main>}.
 */
public record Page(String title, String view, String body) {}
