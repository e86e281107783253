package dev.workbench.server;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.workbench.core.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Stdio lines for the fuzz tests, each with what must come back: one answer carrying the id as sent, one answer
 * with id null (nothing usable to echo), or no answer (a notification, a response, a blank line). Every id is
 * unique to its line, so answers are matched to lines by id alone, whatever order they come in. Generated from a
 * seeded {@link Random}: a failure names the seed and the line, and the same seed makes the same lines.
 */
public final class StdioFuzz {
    public enum Expect {
        ID,
        NULL_ID,
        NONE
    }

    /** One line (without its newline), its expectation and, for {@link Expect#ID}, the id's key (see {@link #idKey}). */
    public record Case(int index, String kind, byte[] line, Expect expect, String idKey) {
        String show() {
            String text = new String(line, StandardCharsets.UTF_8);
            return "line " + index + " (" + kind + "): "
                    + (text.length() > 300 ? text.substring(0, 300) + "…[" + line.length + " bytes]" : text);
        }
    }

    public static final String FINAL_PING = "{\"jsonrpc\":\"2.0\",\"id\":\"final-ping\",\"method\":\"ping\"}";
    private static final JsonFactory FACTORY = new JsonFactory();
    private static final String[] REQUESTS = {
        "\"method\":\"ping\"",
        "\"method\":\"tools/list\"",
        "\"method\":\"resources/list\"",
        "\"method\":\"resources/templates/list\"",
        "\"method\":\"prompts/list\"",
        "\"method\":\"tools/call\",\"params\":{\"name\":\"get-project\",\"arguments\":{}}",
        "\"method\":\"resources/read\",\"params\":{\"uri\":\"aw://project\"}",
        "\"method\":\"resources/read\",\"params\":{\"uri\":\"aw://no-such\"}",
        "\"method\":\"tools/call\",\"params\":{\"name\":\"no-such-tool\",\"arguments\":{}}",
        "\"method\":\"tools/call\",\"params\":{\"name\":\"get-project\",\"arguments\":\"str\"}",
        "\"method\":\"tools/call\",\"params\":{\"name\":5}",
        "\"method\":\"logging/setLevel\",\"params\":{\"level\":\"warning\"}",
        "\"method\":\"logging/setLevel\",\"params\":{\"level\":\"LOUD\"}",
        "\"method\":\"logging/setLevel\",\"params\":{\"level\":[1]}",
        "\"method\":\"completion/complete\",\"params\":{}",
        "\"method\":\"completion/complete\",\"params\":{\"ref\":{\"type\":\"ref/nope\"},\"argument\":{\"name\":\"a\",\"value\":\"\"}}",
        "\"method\":\"completion/complete\",\"params\":{\"ref\":{\"type\":\"ref/prompt\",\"name\":\"plan\"},\"argument\":{\"name\":\"area\",\"value\":\"\"}}",
        "\"method\":\"resources/read\",\"params\":{}",
        "\"method\":\"prompts/get\",\"params\":{}",
        "\"method\":\"tools/call\",\"params\":{}",
        "\"method\":\"no/such/method\"",
        "\"method\":\"prompts/get\",\"params\":{\"name\":\"nope\"}",
        "\"method\":\"resources/subscribe\",\"params\":{\"uri\":7}",
    };
    private static final String[] NOTIFICATIONS = {
        "\"method\":\"notifications/initialized\"",
        "\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":\"nobody\",\"reason\":\"x\"}",
        "\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":{\"a\":[]}}",
        "\"method\":\"notifications/roots/list_changed\"",
        "\"method\":\"notifications/no-such\",\"params\":{\"x\":[1,2,{}]}",
        "\"method\":\"notifications/progress\",\"params\":{\"progressToken\":null,\"progress\":\"a lot\"}",
    };

    private final Random random;
    private int index;

    public StdioFuzz(long seed) {
        this.random = new Random(seed);
    }

    public List<Case> generate(int count) {
        List<Case> cases = new ArrayList<>(count);
        while (cases.size() < count) {
            cases.add(next());
        }
        return cases;
    }

    private Case next() {
        int i = index++;
        int pick = random.nextInt(30);
        switch (pick) {
            case 0, 1, 2, 3: { // a valid request, interleaved with the rest
                Id id = validId(i);
                return request(i, "valid request", id, REQUESTS[random.nextInt(REQUESTS.length)]);
            }
            case 4: { // a valid notification
                return new Case(
                        i,
                        "notification",
                        utf8("{\"jsonrpc\":\"2.0\"," + NOTIFICATIONS[random.nextInt(NOTIFICATIONS.length)] + "}"),
                        Expect.NONE,
                        null);
            }
            case 5: { // an id beyond 64 bits
                String digits = (random.nextBoolean() ? "-" : "") + "9".repeat(19 + random.nextInt(30)) + i;
                return request(i, "huge id", new Id(digits, "n:" + digits), "\"method\":\"ping\"");
            }
            case 6: { // an id with a fraction or an exponent
                String raw = switch (random.nextInt(3)) {
                    case 0 -> i + ".5";
                    case 1 -> "-" + i + ".25e1";
                    default -> i + "E-3";
                };
                return request(i, "fractional id", new Id(raw, "n:" + raw), "\"method\":\"ping\"");
            }
            case 7: { // an id no answer can carry
                String[] ids = {
                    "null", "{\"a\":" + i + "}", "[" + i + "]", "true", "false", "NaN", "Infinity", "-Infinity"
                };
                String id = ids[random.nextInt(ids.length)];
                return new Case(
                        i,
                        "unusable id",
                        utf8("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"ping\"}"),
                        Expect.NULL_ID,
                        null);
            }
            case 8: { // a wrong or missing version
                String[] versions = {
                    "\"jsonrpc\":\"1.0\",", "\"jsonrpc\":2.0,", "", "\"jsonrpc\":null,", "\"jsonrpc\":\"2.0 \","
                };
                Id id = validId(i);
                return new Case(
                        i,
                        "wrong version",
                        utf8("{" + versions[random.nextInt(versions.length)] + "\"id\":" + id.raw
                                + ",\"method\":\"ping\"}"),
                        Expect.ID,
                        id.key);
            }
            case 9: { // nested deeper than the parser takes, the id before or after
                int depth = 1001 + random.nextInt(4000);
                String deep = "[".repeat(depth) + "]".repeat(depth);
                if (random.nextInt(4) == 0) {
                    return new Case(
                            i,
                            "deep, no id",
                            utf8("{\"jsonrpc\":\"2.0\",\"method\":\"ping\",\"params\":{\"x\":" + deep + "}}"),
                            Expect.NULL_ID,
                            null);
                }
                Id id = validId(i);
                String line = random.nextBoolean()
                        ? "{\"jsonrpc\":\"2.0\",\"id\":" + id.raw + ",\"method\":\"ping\",\"params\":{\"x\":" + deep
                                + "}}"
                        : "{\"jsonrpc\":\"2.0\",\"method\":\"ping\",\"params\":{\"x\":" + deep + "},\"id\":" + id.raw
                                + "}";
                return new Case(i, "deep", utf8(line), Expect.ID, id.key);
            }
            case 10: { // byte-order marks before a request or a notification
                byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                int marks = 1 + (random.nextInt(5) == 0 ? 1 : 0);
                for (int m = 0; m < marks; m++) {
                    out.writeBytes(bom);
                }
                if (random.nextInt(3) == 0) {
                    out.writeBytes(utf8("{\"jsonrpc\":\"2.0\"," + NOTIFICATIONS[0] + "}"));
                    return new Case(i, "BOM notification", out.toByteArray(), Expect.NONE, null);
                }
                Id id = validId(i);
                out.writeBytes(utf8("{\"jsonrpc\":\"2.0\",\"id\":" + id.raw + ",\"method\":\"ping\"}"));
                return new Case(i, "BOM request", out.toByteArray(), Expect.ID, id.key);
            }
            case 11: { // NaN and infinities where a value goes
                String[] values = {"NaN", "Infinity", "-Infinity", "+1", "01", "1.", ".5", "0x10", "1e999999"};
                String value = values[random.nextInt(values.length)];
                Id id = validId(i);
                // 1e999999 is valid JSON (an infinite double): the request is served; the others do not parse
                return new Case(
                        i,
                        "non-finite value",
                        utf8("{\"jsonrpc\":\"2.0\",\"id\":" + id.raw + ",\"method\":\"ping\",\"params\":{\"x\":" + value
                                + "}}"),
                        Expect.ID,
                        id.key);
            }
            case 12: { // a batch
                String batch = random.nextBoolean()
                        ? "[]"
                        : "[{\"jsonrpc\":\"2.0\",\"id\":\"b-" + i
                                + "\",\"method\":\"ping\"},{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}]";
                return new Case(i, "batch", utf8(batch), Expect.NULL_ID, null);
            }
            case 13: { // empty or blank
                String[] blanks = {"", " ", "\t", "  \t  ", "\r"};
                return new Case(i, "blank", utf8(blanks[random.nextInt(blanks.length)]), Expect.NONE, null);
            }
            case 14: { // a long string in the params
                int length = random.nextInt(20) == 0 ? 1 << 20 : 1 + random.nextInt(50_000);
                StringBuilder text = new StringBuilder(length);
                for (int c = 0; c < length; c++) {
                    text.append((char) ('a' + random.nextInt(26)));
                }
                Id id = validId(i);
                return new Case(
                        i,
                        "long string",
                        utf8("{\"jsonrpc\":\"2.0\",\"id\":" + id.raw + ",\"method\":\"ping\",\"params\":{\"s\":\""
                                + text + "\"}}"),
                        Expect.ID,
                        id.key);
            }
            case 15: { // a raw control byte inside a string (not JSON), or carriage returns between tokens (JSON)
                Id id = validId(i);
                if (random.nextBoolean()) {
                    byte[] line = utf8("{\"jsonrpc\":\"2.0\",\"id\":" + id.raw
                            + ",\"method\":\"ping\",\"params\":{\"s\":\"a_b\"}}");
                    int control = 1 + random.nextInt(31);
                    if (control == '\n') {
                        control = 0;
                    }
                    line[indexOf(line, (byte) '_')] = (byte) control;
                    return new Case(i, "control byte", line, Expect.ID, id.key);
                }
                return new Case(
                        i,
                        "carriage returns",
                        utf8("{\"jsonrpc\":\"2.0\",\r\"id\":" + id.raw + "\r,\"method\":\r\"ping\"}"),
                        Expect.ID,
                        id.key);
            }
            case 16: { // a control byte before anything else
                byte[] line = utf8("?{\"jsonrpc\":\"2.0\",\"method\":\"ping\"}");
                int control = 1 + random.nextInt(31);
                line[0] = (byte) (control == '\n' || control == '\t' || control == '\r' ? 0 : control);
                return new Case(i, "leading control byte", line, Expect.NULL_ID, null);
            }
            case 17, 18: { // a request cut short: the id is first, so it is answered once its value is complete
                Id id = validId(i);
                String full =
                        "{\"id\":" + id.raw + ",\"jsonrpc\":\"2.0\"," + REQUESTS[random.nextInt(REQUESTS.length)] + "}";
                int idStart = full.indexOf(':') + 1;
                int idEnd = idStart + id.raw.length(); // the comma after the id
                int cut;
                do {
                    cut = 1 + random.nextInt(full.length() - 1);
                } while (cut > idStart && cut <= idEnd);
                return new Case(
                        i,
                        "truncated",
                        utf8(full.substring(0, cut)),
                        cut > idEnd ? Expect.ID : Expect.NULL_ID,
                        cut > idEnd ? id.key : null);
            }
            case 19, 20: { // random bytes without quotes or newlines: nothing that could be an id
                byte[] line = new byte[1 + random.nextInt(200)];
                random.nextBytes(line);
                for (int b = 0; b < line.length; b++) {
                    if (line[b] == '\n' || line[b] == '"') {
                        line[b] = '?';
                    }
                }
                return new Case(i, "random bytes", line, isBlank(line) ? Expect.NONE : Expect.NULL_ID, null);
            }
            case 21: { // a well-formed response from the client, to nothing the server asked
                return new Case(
                        i,
                        "response",
                        utf8(
                                random.nextBoolean()
                                        ? "{\"jsonrpc\":\"2.0\",\"id\":\"r-" + i + "\",\"result\":{}}"
                                        : "{\"jsonrpc\":\"2.0\",\"id\":" + (5_000_000 + i)
                                                + ",\"error\":{\"code\":-1,\"message\":\"no\"}}"),
                        Expect.NONE,
                        null);
            }
            case 22: { // a response the SDK could not map: refused with the id
                Id id = random.nextBoolean()
                        ? new Id("1" + "0".repeat(25) + i, "n:1" + "0".repeat(25) + i)
                        : validId(i);
                String body =
                        random.nextBoolean() ? "\"result\":null" : "\"error\":{\"code\":99999999999,\"message\":\"m\"}";
                return new Case(
                        i,
                        "bad response",
                        utf8("{\"jsonrpc\":\"2.0\",\"id\":" + id.raw + "," + body + "}"),
                        Expect.ID,
                        id.key);
            }
            case 23: { // wrong field types
                String[] shapes = {
                    "\"method\":5",
                    "\"method\":\"\"",
                    "\"method\":\"ping\",\"params\":[1]",
                    "\"method\":\"ping\",\"params\":\"x\"",
                    "\"method\":null",
                    "\"result\":{},\"error\":{}"
                };
                Id id = validId(i);
                return new Case(
                        i,
                        "wrong types",
                        utf8("{\"jsonrpc\":\"2.0\",\"id\":" + id.raw + "," + shapes[random.nextInt(shapes.length)]
                                + "}"),
                        Expect.ID,
                        id.key);
            }
            case 24: { // not UTF-8 inside a string, after the id
                Id id = validId(i);
                byte[] line = utf8(
                        "{\"jsonrpc\":\"2.0\",\"id\":" + id.raw + ",\"method\":\"ping\",\"params\":{\"s\":\"a__b\"}}");
                int at = indexOf(line, (byte) '_');
                line[at] = (byte) 0xC3;
                line[at + 1] = (byte) 0x28;
                return new Case(i, "bad UTF-8", line, Expect.ID, id.key);
            }
            case 25: { // the same key twice: the last id counts, as in every JSON reader here
                Id first = validId(i);
                Id last = new Id("\"dup-" + i + "\"", "s:dup-" + i);
                return new Case(
                        i,
                        "duplicate id",
                        utf8("{\"jsonrpc\":\"2.0\",\"id\":" + first.raw + ",\"method\":\"ping\",\"id\":" + last.raw
                                + "}"),
                        Expect.ID,
                        last.key);
            }
            case 26: { // a number too long to parse, after the id
                Id id = validId(i);
                return new Case(
                        i,
                        "long number",
                        utf8("{\"jsonrpc\":\"2.0\",\"id\":" + id.raw + ",\"method\":\"ping\",\"params\":{\"n\":"
                                + "7".repeat(1001 + random.nextInt(5000)) + "}}"),
                        Expect.ID,
                        id.key);
            }
            case 27: { // trailing garbage after a whole message
                Id id = validId(i);
                String[] tails = {" x", "}", " {\"jsonrpc\":\"2.0\"}", ",", "]"};
                return new Case(
                        i,
                        "trailing garbage",
                        utf8("{\"jsonrpc\":\"2.0\",\"id\":" + id.raw + ",\"method\":\"ping\"}"
                                + tails[random.nextInt(tails.length)]),
                        Expect.ID,
                        id.key);
            }
            case 28: { // escapes and non-ASCII text, which are fine
                Id id = validId(i);
                return new Case(
                        i,
                        "unicode",
                        utf8(
                                "{\"jsonrpc\":\"2.0\",\"id\":" + id.raw
                                        + ",\"method\":\"ping\",\"params\":{\"s\":\"\\ud800 \\u0000 é ✓ 😀 \\\" \\\\\",\"\u2028\":1}}"),
                        Expect.ID,
                        id.key);
            }
            default: { // a JSON value that is not a message object
                String[] values = {"42", "\"text\"", "null", "true", "{}", "{\"jsonrpc\":\"2.0\"}", "[[[]]]"};
                return new Case(i, "not a message", utf8(values[random.nextInt(values.length)]), Expect.NULL_ID, null);
            }
        }
    }

    /** An id the SDK can take: a string, or a whole number within 64 bits (negative too); unique to line i. */
    private Id validId(int i) {
        return switch (random.nextInt(4)) {
            case 0 -> new Id("\"id-" + i + "\"", "s:id-" + i);
            case 1 -> new Id(Integer.toString(1_000_000 + i), "n:" + (1_000_000 + i));
            case 2 -> new Id(Long.toString(-(1_000_000L + i)), "n:" + (-(1_000_000L + i)));
            default -> new Id(Long.toString(Long.MAX_VALUE - i), "n:" + (Long.MAX_VALUE - i));
        };
    }

    private static Case request(int i, String kind, Id id, String methodAndParams) {
        return new Case(
                i,
                kind,
                utf8("{\"jsonrpc\":\"2.0\",\"id\":" + id.raw + "," + methodAndParams + "}"),
                Expect.ID,
                id.key);
    }

    private record Id(String raw, String key) {}

    /**
     * What an answer's id is, as the same key the cases use: {@code s:} and the string, {@code n:} and the
     * number exactly as written, {@code null} for a JSON null, or a description of anything else.
     */
    public static String idKey(String answerLine) {
        try (JsonParser p = FACTORY.createParser(answerLine)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return "not an object";
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (name.equals("id")) {
                    return switch (value) {
                        case VALUE_STRING -> "s:" + p.getText();
                        case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "n:" + p.getText();
                        case VALUE_NULL -> "null";
                        default -> "unexpected " + value;
                    };
                }
                p.skipChildren();
            }
            return "no id";
        } catch (IOException e) {
            return "not JSON: " + e.getMessage();
        }
    }

    /** Checks the answers against the cases; returns the problems found (empty: all good). */
    public static List<String> check(List<Case> cases, List<String> answers) {
        List<String> problems = new ArrayList<>();
        Map<String, Integer> byId = new HashMap<>();
        int nulls = 0;
        for (String answer : answers) {
            JsonNode node;
            try {
                node = Json.mapper().readTree(answer);
            } catch (IOException e) {
                problems.add("an answer is not JSON: " + answer);
                continue;
            }
            if (node.has("method")) {
                continue; // the server's own request or notification (roots/list after roots/list_changed)
            }
            if (!"2.0".equals(node.path("jsonrpc").asText()) || node.has("result") == node.has("error")) {
                problems.add("not a JSON-RPC response: " + answer);
            }
            String key = idKey(answer);
            if (key.equals("null")) {
                nulls++;
            } else {
                byId.merge(key, 1, Integer::sum);
            }
        }
        int expectedNulls = 0;
        for (Case c : cases) {
            if (c.expect() == Expect.NULL_ID) {
                expectedNulls++;
            } else if (c.expect() == Expect.ID) {
                Integer seen = byId.remove(c.idKey());
                if (seen == null || seen != 1) {
                    problems.add((seen == null ? "no answer" : seen + " answers") + " for " + c.show());
                }
            }
        }
        Integer finalPing = byId.remove("s:final-ping");
        if (finalPing == null || finalPing != 1) {
            problems.add("the final ping got " + finalPing + " answers");
        }
        byId.forEach((key, n) -> problems.add(n + " answer(s) with id " + key + ", which no line sent"));
        if (nulls != expectedNulls) {
            problems.add(nulls + " answers with id null, expected " + expectedNulls);
        }
        return problems;
    }

    /** How many answers the cases call for, the final ping included. */
    public static int expectedAnswers(List<Case> cases) {
        return 1 + (int) cases.stream().filter(c -> c.expect() != Expect.NONE).count();
    }

    /** The lines that are answers (not the server's own requests and notifications). */
    public static List<String> answersOnly(List<String> lines) {
        return lines.stream()
                .filter(line -> !line.contains("\"method\"") || !isMessageWithMethod(line))
                .toList();
    }

    private static boolean isMessageWithMethod(String line) {
        try {
            return Json.mapper().readTree(line).has("method");
        } catch (IOException e) {
            return false;
        }
    }

    public static String summary(List<Case> cases) {
        Map<Expect, Integer> counts = new HashMap<>();
        cases.forEach(c -> counts.merge(c.expect(), 1, Integer::sum));
        long bytes = cases.stream().mapToLong(c -> c.line().length).sum();
        return cases.size() + " lines (" + bytes + " bytes): " + counts.getOrDefault(Expect.ID, 0)
                + " answered with their id, "
                + counts.getOrDefault(Expect.NULL_ID, 0) + " with id null, " + counts.getOrDefault(Expect.NONE, 0)
                + " not answered";
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static int indexOf(byte[] bytes, byte b) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        throw new IllegalArgumentException("no " + (char) b);
    }

    private static boolean isBlank(byte[] line) {
        for (byte b : line) {
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }
}
