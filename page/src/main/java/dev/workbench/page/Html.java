package dev.workbench.page;

/**
 * HTML written by hand, safely: every text and attribute value goes through {@link #esc}, so a slug, a note or a
 * param value with markup in it shows as text. Views build their part with one {@code Html} and return its string.
 */
public final class Html {
    private final StringBuilder out = new StringBuilder(1024);

    /** Text made safe for element content and quoted attribute values. */
    public static String esc(Object value) {
        String s = value == null ? "" : value.toString();
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String r = switch (c) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> "&quot;";
                case '\'' -> "&#39;";
                default -> null;
            };
            if (r != null && b == null) {
                b = new StringBuilder(s.length() + 16).append(s, 0, i);
            }
            if (b != null) {
                if (r != null) {
                    b.append(r);
                } else {
                    b.append(c);
                }
            }
        }
        return b == null ? s : b.toString();
    }

    /** Markup this code wrote itself (another view's part, an SVG plot): never a value from the store. */
    public Html raw(String html) {
        out.append(html);
        return this;
    }

    public Html text(Object value) {
        out.append(esc(value));
        return this;
    }

    /**
     * An opening tag with attributes given as name, value pairs; a null value leaves the attribute out, an empty
     * one writes it bare ({@code hidden}).
     */
    public Html open(String tag, String... attributes) {
        out.append('<').append(tag);
        attributes(attributes);
        out.append('>');
        return this;
    }

    public Html close(String tag) {
        out.append("</").append(tag).append('>');
        return this;
    }

    /** An element with text content: {@code el("td", value, "class", "num")}. */
    public Html el(String tag, Object text, String... attributes) {
        return open(tag, attributes).text(text).close(tag);
    }

    /** A link; {@code href} is one of {@link Links}' addresses or a fragment. */
    public Html link(String href, Object text, String... attributes) {
        String[] all = new String[attributes.length + 2];
        all[0] = "href";
        all[1] = href;
        System.arraycopy(attributes, 0, all, 2, attributes.length);
        return el("a", text, all);
    }

    private void attributes(String[] attributes) {
        if (attributes.length % 2 != 0) {
            throw new IllegalArgumentException("attributes come in name, value pairs");
        }
        for (int i = 0; i < attributes.length; i += 2) {
            String value = attributes[i + 1];
            if (value == null) {
                continue;
            }
            out.append(' ').append(attributes[i]);
            if (!value.isEmpty()) {
                out.append("=\"").append(esc(value)).append('"');
            }
        }
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
