package dev.workbench.server.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.workbench.core.Workbench;
import dev.workbench.tools.ToolSchemas;
import dev.workbench.tools.Tools;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import io.modelcontextprotocol.json.schema.jackson2.DefaultJsonSchemaValidator;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The validator the servers use: the check the SDK made at every start is made here, on the packaged schemas. */
class LazySchemaValidatorTest {
    @TempDir
    Path root;

    @Test
    void everyToolSchema_conformsToTheMetaSchema_asTheSdkChecksAtBuild() {
        JsonSchemaValidator sdk = new DefaultJsonSchemaValidator();
        for (var tool : Tools.all()) {
            for (Map<String, Object> schema : List.of(ToolSchemas.input(tool), ToolSchemas.output(tool))) {
                JsonSchemaValidator.ValidationResponse response = sdk.validateSchema(schema);
                assertThat(response.valid())
                        .as(tool.name() + ": " + response.errorMessage())
                        .isTrue();
            }
        }
    }

    @Test
    void onlyTheToolsOwnSchemaMaps_areTrusted_othersAreChecked() {
        Workbench wb = new Workbench(root);
        List<SyncToolSpecification> tools =
                Tools.all().stream().map(t -> McpFeatures.tool(t, wb)).toList();
        LazySchemaValidator validator = LazySchemaValidator.trusting(tools);
        for (SyncToolSpecification spec : tools) {
            assertThat(validator.validateSchema(spec.tool().inputSchema()).valid())
                    .isTrue();
            assertThat(validator.validateSchema(spec.tool().outputSchema()).valid())
                    .isTrue();
        }
        Map<String, Object> bad = Map.of("type", 5);
        assertThat(validator.validateSchema(bad).valid()).isFalse();
        assertThat(validator.validateSchema(bad).errorMessage())
                .isEqualTo(new DefaultJsonSchemaValidator().validateSchema(bad).errorMessage());
    }

    @Test
    void results_areCheckedAgainstTheOutputSchema_asTheSdkChecksThem() throws Exception {
        LazySchemaValidator validator = LazySchemaValidator.trusting(List.of());
        JsonSchemaValidator sdk = new DefaultJsonSchemaValidator();
        ObjectMapper json = new ObjectMapper();
        Map<String, Object> schema = Map.of(
                "type", "object", "properties", Map.of("n", Map.of("type", "integer")), "required", List.of("n"));
        for (String content : List.of("{\"n\":1}", "{\"n\":\"one\"}", "{}")) {
            for (Object form : List.of(json.readTree(content), json.readValue(content, Map.class))) {
                for (int call = 0; call < 2; call++) { // the second call finds the schema in the cache
                    JsonSchemaValidator.ValidationResponse ours = validator.validate(schema, form);
                    assertThat(ours).as(content).isEqualTo(sdk.validate(schema, form));
                }
            }
        }
        assertThat(validator.validate(schema, json.readTree("{\"n\":\"one\"}")).valid())
                .isFalse();
        assertThat(validator.validate(schema, json.readTree("{\"n\":1}")).valid())
                .isTrue();
    }
}
