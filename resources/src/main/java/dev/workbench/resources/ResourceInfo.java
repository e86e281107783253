package dev.workbench.resources;

/** A resource or resource template as listed to clients. {@code uri} holds {@code {variables}} for templates. */
public record ResourceInfo(String uri, String name, String title, String description, String mimeType) {}
