package dev.workbench.tools;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.classmate.ResolvedType;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.Converter;
import com.github.victools.jsonschema.generator.CustomDefinition;
import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;
import com.github.victools.jsonschema.module.jackson.JacksonModule;
import com.github.victools.jsonschema.module.jackson.JacksonOption;
import dev.workbench.core.Json;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The schemas served to clients are generated from the input and output records with victools
 * jsonschema-generator and checked in under {@code src/main/resources/.../schemas/}. This test fails when a
 * record changed and the checked-in schema did not, so every schema change is seen in review. To regenerate:
 * {@code mvn -pl tools test -Dtest=ToolSchemasTest -Dworkbench.updateSchemas=true}.
 */
class ToolSchemasTest {
    private static final Path RESOURCES = Path.of("src/main/resources/dev/workbench/tools");

    static Stream<Arguments> schemas() {
        return Tools.all().stream()
                .flatMap(tool -> Stream.of(
                        Arguments.of(tool.name(), "input", generate(tool.inputType(), true)),
                        Arguments.of(tool.name(), "output", generate(tool.outputType(), false))));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("schemas")
    void checkedInSchema_matchesTheRecords(String tool, String kind, JsonNode generated) throws IOException {
        Path file = RESOURCES.resolve(ToolSchemas.resourceName(tool, kind));
        String expected = new String(Json.toFileBytes(generated), StandardCharsets.UTF_8);
        if (Boolean.getBoolean("workbench.updateSchemas")) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, expected);
        }
        assertThat(file)
                .as("schema file for %s %s (regenerate with -Dworkbench.updateSchemas=true)", tool, kind)
                .exists();
        assertThat(Files.readString(file)).as("%s %s schema", tool, kind).isEqualTo(expected);
    }

    static JsonNode generate(Class<?> type, boolean input) {
        SchemaGeneratorConfigBuilder config = new SchemaGeneratorConfigBuilder(
                        Json.mapper(), SchemaVersion.DRAFT_2020_12, OptionPreset.PLAIN_JSON)
                .with(new JacksonModule(
                        JacksonOption.RESPECT_JSONPROPERTY_REQUIRED, JacksonOption.FLATTENED_ENUMS_FROM_JSONPROPERTY))
                .with(Option.MAP_VALUES_AS_ADDITIONAL_PROPERTIES)
                .without(Option.SCHEMA_VERSION_INDICATOR);
        if (input) {
            config.with(Option.FORBIDDEN_ADDITIONAL_PROPERTIES_BY_DEFAULT);
        }
        // Free-form JSON whose shape the tool checks itself: an ObjectNode (inputData, an inline experiment) is any
        // object, any other JsonNode (a param's value, a stored analysisResult) any value. No generated
        // attributes such as additionalProperties=false may be added to either.
        config.forTypesInGeneral().withCustomDefinitionProvider((javaType, context) -> {
            Class<?> erased = javaType.getErasedType();
            if (!JsonNode.class.isAssignableFrom(erased)) {
                return null;
            }
            ObjectNode definition = context.getGeneratorConfig().createObjectNode();
            if (ObjectNode.class.isAssignableFrom(erased)) {
                definition.put("type", "object");
            }
            return new CustomDefinition(
                    definition, CustomDefinition.DefinitionType.STANDARD, CustomDefinition.AttributeInclusion.NO);
        });
        // A record composed of parts but written flat (Experiment) names its flat form as what it is read from
        // (@JsonDeserialize(converter)); its writer writes the same form, so that is its schema.
        config.forTypesInGeneral().withCustomDefinitionProvider((javaType, context) -> {
            JsonDeserialize read = javaType.getErasedType().getAnnotation(JsonDeserialize.class);
            if (read == null || read.converter() == Converter.None.class) {
                return null;
            }
            ResolvedType form = context.getTypeContext()
                    .resolve(read.converter())
                    .typeParametersFor(Converter.class)
                    .get(0);
            return new CustomDefinition(context.createStandardDefinition(form, null));
        });
        // A field written even when null (@JsonInclude(ALWAYS): git outside a repository, a rollback's
        // safetyCheckpoint when nothing changed) must allow null in the schema clients validate against.
        config.forFields().withNullableCheck(field -> {
            JsonInclude include = field.getAnnotationConsideringFieldAndGetter(JsonInclude.class);
            return include != null && include.value() == JsonInclude.Include.ALWAYS ? Boolean.TRUE : null;
        });
        // The one field typed Object (rollback's checkpoint) takes a number or a name.
        config.forTypesInGeneral()
                .withCustomDefinitionProvider((javaType, context) -> javaType.getErasedType() == Object.class
                        ? new CustomDefinition(
                                (ObjectNode) context.getGeneratorConfig()
                                        .createObjectNode()
                                        .set(
                                                "type",
                                                context.getGeneratorConfig()
                                                        .createArrayNode()
                                                        .add("string")
                                                        .add("integer")),
                                CustomDefinition.DefinitionType.STANDARD,
                                CustomDefinition.AttributeInclusion.NO)
                        : null);
        // A value a record derives when it is written (Experiment.analysisStale: an accessor annotated with
        // @JsonProperty that is not a component) is part of the output too; the generator sees components only.
        config.forTypesInGeneral().withTypeAttributeOverride((node, scope, context) -> {
            Class<?> erased = scope.getType().getErasedType();
            if (!erased.isRecord() || !(node.get("properties") instanceof ObjectNode properties)) {
                return;
            }
            Set<String> components = Arrays.stream(erased.getRecordComponents())
                    .map(RecordComponent::getName)
                    .collect(Collectors.toSet());
            for (Method m : erased.getDeclaredMethods()) {
                JsonProperty named = m.getAnnotation(JsonProperty.class);
                if (named == null
                        || m.getParameterCount() != 0
                        || components.contains(m.getName())
                        || Modifier.isStatic(m.getModifiers())) {
                    continue;
                }
                ObjectNode derived = properties.putObject(named.value());
                derived.put(
                        "type",
                        m.getReturnType() == Boolean.class || m.getReturnType() == boolean.class
                                ? "boolean"
                                : m.getReturnType() == String.class ? "string" : "number");
                JsonPropertyDescription description = m.getAnnotation(JsonPropertyDescription.class);
                if (description != null) {
                    derived.put("description", description.value());
                }
            }
        });
        ObjectNode schema = new SchemaGenerator(config.build()).generateSchema(type);
        return schema;
    }
}
