package io.omnistock.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * The structural part of Kubernetes' validation of a custom resource against its OpenAPI v3 schema:
 * types, unknown fields (pruned by the API server, so an error here), enums and required fields.
 * Enough to catch a misspelt or misplaced field; formats and CEL rules are not checked.
 */
final class OpenApiSchema {

    static void validate(JsonNode schema, JsonNode value, String path, List<String> errors) {
        if (schema.path("x-kubernetes-int-or-string").asBoolean(false)) {
            if (!value.isIntegralNumber() && !value.isTextual()) {
                errors.add(path + ": not an int or string");
            }
            return;
        }
        if (schema.has("enum")) {
            boolean listed = false;
            for (JsonNode allowed : schema.path("enum")) {
                listed |= allowed.asText().equals(value.asText());
            }
            if (!listed) {
                errors.add(path + ": " + value.asText() + " not in enum");
            }
        }
        String type = schema.path("type").asText("");
        switch (type) {
            case "object" -> validateObject(schema, value, path, errors);
            case "array" -> {
                if (!value.isArray()) {
                    errors.add(path + ": not an array");
                    return;
                }
                for (int i = 0; i < value.size(); i++) {
                    validate(schema.path("items"), value.get(i), path + "[" + i + "]", errors);
                }
            }
            case "string" -> {
                if (!value.isTextual()) {
                    errors.add(path + ": not a string");
                }
            }
            case "integer" -> {
                if (!value.isIntegralNumber()) {
                    errors.add(path + ": not an integer");
                }
            }
            case "number" -> {
                if (!value.isNumber()) {
                    errors.add(path + ": not a number");
                }
            }
            case "boolean" -> {
                if (!value.isBoolean()) {
                    errors.add(path + ": not a boolean");
                }
            }
            default -> {
                // no type: anything goes
            }
        }
    }

    private static void validateObject(
            JsonNode schema, JsonNode value, String path, List<String> errors) {
        if (!value.isObject()) {
            errors.add(path + ": not an object");
            return;
        }
        JsonNode properties = schema.path("properties");
        JsonNode additional = schema.path("additionalProperties");
        boolean preserveUnknown =
                schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
        for (var it = value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String child = path + "." + field.getKey();
            if (properties.has(field.getKey())) {
                validate(properties.path(field.getKey()), field.getValue(), child, errors);
            } else if (additional.isObject()) {
                validate(additional, field.getValue(), child, errors);
            } else if (!preserveUnknown && !isTopLevelMetadata(path, field.getKey())) {
                errors.add(child + ": unknown field");
            }
        }
        for (JsonNode required : schema.path("required")) {
            if (!value.has(required.asText())) {
                errors.add(path + ": missing " + required.asText());
            }
        }
    }

    /** apiVersion, kind and metadata of the resource itself are the API server's, not the CRD's. */
    private static boolean isTopLevelMetadata(String path, String field) {
        return path.isEmpty() && List.of("apiVersion", "kind", "metadata").contains(field);
    }

    private OpenApiSchema() {}
}
