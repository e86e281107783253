package dev.workbench.core.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workbench.core.Check;
import dev.workbench.core.ErrorCode;
import dev.workbench.core.WorkbenchException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * {@code .aw/sources.json}, checked: the limits of {@code local} and the named sources. Written by people; a mistake
 * is an {@code INVALID_INPUT} naming the field, and a secret written into the file is refused.
 *
 * <pre>{@code
 * {"local": {"threads": 4, "memoryLimit": "2GB", "timeoutSeconds": 600, "maxRows": 100000},
 *  "sources": {"warehouse": {"url": "jdbc:postgresql://db:5432/analytics", "userEnv": "PGUSER",
 *                            "passwordEnv": "PGPASSWORD", "properties": {"sslmode": "require"},
 *                            "driver": "org.postgresql.Driver", "timeoutSeconds": 300, "maxRows": 100000}}}
 * }</pre>
 */
public record SourcesConfig(LocalSettings local, Map<String, SourceDefinition> sources) {
    static final String SHOWN = ".aw/sources.json";
    private static final Pattern ENV = Pattern.compile("^[A-Za-z_][A-Za-z0-9_]*$");
    private static final Pattern MEMORY = Pattern.compile("^[0-9]+(\\.[0-9]+)?\\s*(KB|MB|GB|TB|KiB|MiB|GiB|TiB)$");
    private static final Set<String> TOP = Set.of("local", "sources");
    private static final Set<String> LOCAL_FIELDS = Set.of("threads", "memoryLimit", "timeoutSeconds", "maxRows");
    private static final Set<String> SOURCE_FIELDS =
            Set.of("url", "userEnv", "passwordEnv", "properties", "driver", "timeoutSeconds", "maxRows");

    public SourcesConfig {
        sources = java.util.Collections.unmodifiableMap(new TreeMap<>(sources));
    }

    /** Without the file: {@code local} with its defaults, nothing else. */
    public static SourcesConfig absent() {
        return new SourcesConfig(LocalSettings.defaults(), Map.of());
    }

    /** The configuration a JSON tree describes. */
    public static SourcesConfig parse(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw invalid(
                    "",
                    "a JSON object such as {\"sources\": {\"warehouse\": {\"url\": \"jdbc:postgresql://…\"}}}",
                    node == null ? "nothing" : node.getNodeType().toString().toLowerCase(java.util.Locale.ROOT));
        }
        fields(node, TOP, "");
        LocalSettings local = local(node.get("local"));
        Map<String, SourceDefinition> sources = new LinkedHashMap<>();
        JsonNode s = node.get("sources");
        if (s != null && !s.isNull()) {
            if (!s.isObject()) {
                throw invalid("sources", "an object of named sources", s.getNodeType());
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = s.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                sources.put(e.getKey(), source(e.getKey(), e.getValue()));
            }
        }
        return new SourcesConfig(local, sources);
    }

    private static LocalSettings local(JsonNode node) {
        LocalSettings d = LocalSettings.defaults();
        if (node == null || node.isNull()) {
            return d;
        }
        if (!node.isObject()) {
            throw invalid(
                    "local", "an object of limits {threads, memoryLimit, timeoutSeconds, maxRows}", node.getNodeType());
        }
        fields(node, LOCAL_FIELDS, "local.");
        JsonNode memory = node.get("memoryLimit");
        String memoryLimit = d.memoryLimit();
        if (memory != null && !memory.isNull()) {
            if (!memory.isTextual() || !MEMORY.matcher(memory.asText().trim()).matches()) {
                throw invalid("local.memoryLimit", "a size such as \"2GB\" or \"512MB\"", memory);
            }
            memoryLimit = memory.asText().trim();
        }
        return new LocalSettings(
                positive(node, "threads", "local.", d.threads(), 1024),
                memoryLimit,
                positive(node, "timeoutSeconds", "local.", d.timeoutSeconds(), 86_400),
                positive(node, "maxRows", "local.", d.maxRows(), 10_000_000));
    }

    private static SourceDefinition source(String name, JsonNode node) {
        String at = "sources." + name;
        if (!Check.isWord(name)) {
            throw invalid(at, "a source name of letters, digits, '_', '-', '.' or ':'", "\"" + name + "\"");
        }
        if (Sources.LOCAL.equals(name)) {
            throw invalid(
                    at,
                    "another name: local is the embedded DuckDB source and cannot be redefined"
                            + " (its limits go under \"local\")",
                    "\"local\"");
        }
        if (node == null || !node.isObject()) {
            throw invalid(
                    at,
                    "an object {url, userEnv?, passwordEnv?, properties?, driver?, timeoutSeconds?, maxRows?}",
                    node == null ? "nothing" : node.getNodeType());
        }
        fields(node, SOURCE_FIELDS, at + ".");
        JsonNode url = node.get("url");
        if (url == null || !url.isTextual() || !url.asText().startsWith("jdbc:")) {
            throw invalid(
                    at + ".url",
                    "a JDBC URL such as \"jdbc:postgresql://host:5432/db\"",
                    url == null ? "nothing" : "a value not starting with jdbc:");
        }
        String secret = SourceDefinition.secretInUrl(url.asText());
        if (secret != null) {
            // The URL itself is not shown: it carries the secret.
            throw invalid(
                    at + ".url",
                    "a URL without credentials; name the variable holding the password in " + at
                            + ".passwordEnv (and the user in userEnv)",
                    "a URL with " + secret);
        }
        Map<String, String> properties = new TreeMap<>();
        JsonNode p = node.get("properties");
        if (p != null && !p.isNull()) {
            if (!p.isObject()) {
                throw invalid(at + ".properties", "an object of driver properties", p.getNodeType());
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = p.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String field = at + ".properties." + e.getKey();
                if (SourceDefinition.secretName(e.getKey())) {
                    throw invalid(
                            field,
                            "no secret in the file; name the variable holding it in " + at + ".passwordEnv",
                            "a property named like a credential");
                }
                if (e.getKey().equalsIgnoreCase("user")) {
                    throw invalid(
                            field, "the user name in " + at + ".userEnv (or ?user= in the URL)", "a user property");
                }
                if (!e.getValue().isValueNode() || e.getValue().isNull()) {
                    throw invalid(
                            field, "a string, number or boolean", e.getValue().getNodeType());
                }
                properties.put(e.getKey(), e.getValue().asText());
            }
        }
        JsonNode driver = node.get("driver");
        if (driver != null
                && !driver.isNull()
                && (!driver.isTextual() || !driver.asText().matches("^[A-Za-z_$][A-Za-z0-9_$.]*$"))) {
            throw invalid(at + ".driver", "a Java class name such as \"org.postgresql.Driver\"", driver);
        }
        return new SourceDefinition(
                name,
                url.asText(),
                env(node, "userEnv", at),
                env(node, "passwordEnv", at),
                properties,
                driver == null || driver.isNull() ? null : driver.asText(),
                positive(node, "timeoutSeconds", at + ".", SourceDefinition.DEFAULT_TIMEOUT_SECONDS, 86_400),
                positive(node, "maxRows", at + ".", SourceDefinition.DEFAULT_MAX_ROWS, 10_000_000));
    }

    private static String env(JsonNode node, String key, String at) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual() || !ENV.matcher(v.asText()).matches()) {
            // Not echoed: someone may have written the secret itself here.
            throw invalid(
                    at + "." + key,
                    "the NAME of an environment variable, such as \"PGPASSWORD\"",
                    "a value that is not a variable name");
        }
        return v.asText();
    }

    private static int positive(JsonNode node, String key, String prefix, int fallback, int max) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.canConvertToInt() || !v.isIntegralNumber() || v.asInt() < 1 || v.asInt() > max) {
            throw invalid(prefix + key, "a whole number from 1 to " + max, v);
        }
        return v.asInt();
    }

    private static void fields(JsonNode node, Set<String> known, String prefix) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!known.contains(f)) {
                throw invalid(prefix + f, "one of " + new java.util.TreeSet<>(known), "an unknown field");
            }
        }
    }

    static WorkbenchException invalid(String field, String expected, Object got) {
        return new WorkbenchException(
                ErrorCode.INVALID_INPUT,
                SHOWN + (field.isEmpty() ? "" : " " + field) + ": expected " + expected + ", got " + got);
    }
}
