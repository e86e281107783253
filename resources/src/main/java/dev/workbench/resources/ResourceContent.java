package dev.workbench.resources;

/** What reading a resource gives: its text and its media type. */
public record ResourceContent(String uri, String mimeType, String text) {}
