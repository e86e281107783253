package dev.workbench.server.http;

import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The page's input, decoded strictly: a path, a query and a urlencoded form. Anything malformed (a stray
 * {@code %}, bytes that are not UTF-8, a control character, a form too large or of another type) is an
 * {@link IllegalArgumentException} whose message the person can read; the servlet answers 400 with it.
 */
final class FormData {
    private FormData() {}

    /** The raw request path with each {@code %XX} decoded as UTF-8 ({@code +} stays a plus, as in any path). */
    static String decodePath(String raw) {
        if (raw == null || raw.isEmpty()) {
            return "/";
        }
        return decode(raw, false, "the address");
    }

    /**
     * {@code a=1&b=x%20y} as a map; a name given twice keeps its first value, a name without {@code =} is empty.
     */
    static Map<String, String> parse(String query) {
        Map<String, String> out = new LinkedHashMap<>();
        if (query == null || query.isEmpty()) {
            return out;
        }
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq), true, "a parameter's name");
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1), true, "the parameter " + name);
            out.putIfAbsent(name, value);
        }
        return out;
    }

    /** The body of a POST, which must be {@code application/x-www-form-urlencoded} and at most {@code max} bytes. */
    static Map<String, String> readForm(HttpServletRequest request, int max) throws IOException {
        String type = request.getContentType();
        String base = type == null ? "" : type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!base.equals("application/x-www-form-urlencoded")) {
            throw new IllegalArgumentException("A form must be sent as application/x-www-form-urlencoded, not "
                    + (type == null ? "without a type" : type) + ".");
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        var in = request.getInputStream();
        for (int n; (n = in.read(buf)) > 0; ) {
            body.write(buf, 0, n);
            if (body.size() > max) {
                discard(in, buf);
                throw new IllegalArgumentException("A form may have at most " + max + " bytes.");
            }
        }
        return parse(utf8(body.toByteArray(), "the form"));
    }

    /**
     * Reads what is left of a refused body, up to {@link #DISCARDED_AT_MOST}, so that the browser, still sending it,
     * reads the answer instead of a reset connection (the guard already refused declared bodies over its limit).
     */
    private static void discard(java.io.InputStream in, byte[] buf) throws IOException {
        long left = DISCARDED_AT_MOST;
        for (int n; left > 0 && (n = in.read(buf, 0, (int) Math.min(buf.length, left))) > 0; ) {
            left -= n;
        }
    }

    /** The most of a refused form read and dropped before answering. */
    static final long DISCARDED_AT_MOST = 1 << 20;

    private static String decode(String s, boolean plusIsSpace, String what) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                int hi = i + 2 < s.length() ? Character.digit(s.charAt(i + 1), 16) : -1;
                int lo = i + 2 < s.length() ? Character.digit(s.charAt(i + 2), 16) : -1;
                if (hi < 0 || lo < 0) {
                    throw new IllegalArgumentException("In " + what + ", a % is not followed by two hex digits.");
                }
                bytes.write(hi * 16 + lo);
                i += 2;
            } else if (c == '+' && plusIsSpace) {
                bytes.write(' ');
            } else {
                int cp = s.codePointAt(i);
                bytes.writeBytes(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
                i += Character.charCount(cp) - 1;
            }
        }
        String decoded = utf8(bytes.toByteArray(), what);
        if (decoded.chars().anyMatch(c -> c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0x7f)) {
            throw new IllegalArgumentException("In " + what + ", there is a control character.");
        }
        return decoded;
    }

    private static String utf8(byte[] bytes, String what) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("In " + what + ", the bytes are not UTF-8.");
        }
    }
}
