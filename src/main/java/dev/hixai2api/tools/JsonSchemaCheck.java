package dev.hixai2api.tools;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaException;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

/**
 * A client's JSON schema (tool arguments, a response format), compiled once per request. Schemas come from
 * clients: a {@code $ref} to another document is never fetched, so validating reaches nothing on the network.
 */
public final class JsonSchemaCheck {

    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemaLoader(loader -> loader.fetchRemoteResources(false)));

    /** The 2020-12 meta-schema, which the library bundles: a client's schema is checked against it first. */
    private static final Schema META_SCHEMA = REGISTRY.getSchema(
            SchemaLocation.of(SpecificationVersion.DRAFT_2020_12.getDialectId()));

    private final Schema schema;

    private JsonSchemaCheck(Schema schema) {
        this.schema = schema;
    }

    /** @throws IllegalArgumentException naming what is wrong when {@code schema} is not a usable JSON schema */
    public static JsonSchemaCheck of(JsonNode schema) {
        List<Error> problems = META_SCHEMA.validate(schema);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("not a valid JSON schema: " + problems.get(0));
        }
        try {
            Schema compiled = REGISTRY.getSchema(schema);
            compiled.initializeValidators();
            return new JsonSchemaCheck(compiled);
        } catch (SchemaException | IllegalStateException e) {
            throw new IllegalArgumentException("not a valid JSON schema: " + e.getMessage(), e);
        }
    }

    /** What {@code value} breaks, one readable line per problem ("$.city: required property missing"); empty if none. */
    public List<String> problems(JsonNode value) {
        return schema.validate(value).stream().map(Error::toString).toList();
    }
}
