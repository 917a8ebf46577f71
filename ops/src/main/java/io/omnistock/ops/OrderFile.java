package io.omnistock.ops;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.omnistock.avro.OrderRequest;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * A file of recorded orders for {@code omnistock what-if --orders}: JSON lines, one {@code
 * OrderRequest} per line as {@code omnistock tail --json} prints a record's value (Avro field
 * names; timestamps as ISO-8601 instants or epoch milliseconds; enums as their symbols; an optional
 * field as its value, {@code null} or left out; a field with a default may be left out). Blank
 * lines and lines starting with {@code #} are skipped. Any other line that is not such an order
 * fails the read naming the file, the line and the field.
 */
final class OrderFile {
    private static final ObjectMapper JSON = new ObjectMapper();

    private OrderFile() {}

    /**
     * The orders of {@code file}, in file order.
     *
     * @throws IllegalArgumentException naming the file and line of the first one that does not read
     */
    static List<OrderRequest> read(Path file) {
        List<OrderRequest> orders = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String text;
            int line = 0;
            while ((text = reader.readLine()) != null) {
                line++;
                String trimmed = text.trim();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                try {
                    orders.add(parse(trimmed));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(
                            file + " line " + line + ": " + e.getMessage());
                }
            }
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("no file " + file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return orders;
    }

    /** One order from its JSON object. */
    static OrderRequest parse(String line) {
        JsonNode json;
        try {
            json = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    "not JSON (" + e.getOriginalMessage().split("\n")[0] + ")");
        }
        if (json == null || !json.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        return (OrderRequest) record(json, OrderRequest.getClassSchema(), "");
    }

    private static SpecificRecord record(JsonNode json, Schema schema, String path) {
        for (Iterator<Map.Entry<String, JsonNode>> it = json.fields(); it.hasNext(); ) {
            String name = it.next().getKey();
            if (schema.getField(name) == null) {
                throw new IllegalArgumentException(
                        "unknown field " + path + name + " (not in " + schema.getName() + ")");
            }
        }
        SpecificRecord record = (SpecificRecord) SpecificData.get().newRecord(null, schema);
        for (Schema.Field field : schema.getFields()) {
            JsonNode value = json.get(field.name());
            String where = path + field.name();
            Object converted;
            if (value == null || value.isNull()) {
                if (field.hasDefaultValue()) {
                    converted = SpecificData.get().getDefaultValue(field);
                } else if (nullable(field.schema())) {
                    converted = null;
                } else {
                    throw new IllegalArgumentException("no " + where);
                }
            } else {
                converted = value(value, field.schema(), where);
            }
            record.put(field.pos(), converted);
        }
        return record;
    }

    private static boolean nullable(Schema schema) {
        return schema.getType() == Schema.Type.NULL
                || (schema.getType() == Schema.Type.UNION
                        && schema.getTypes().stream()
                                .anyMatch(s -> s.getType() == Schema.Type.NULL));
    }

    private static Object value(JsonNode json, Schema schema, String where) {
        switch (schema.getType()) {
            case UNION:
                for (Schema branch : schema.getTypes()) {
                    if (branch.getType() != Schema.Type.NULL) {
                        return value(json, branch, where);
                    }
                }
                throw new IllegalArgumentException(where + " must be null");
            case STRING:
                if (!json.isTextual()) {
                    throw new IllegalArgumentException(where + " must be a string");
                }
                return json.asText();
            case BOOLEAN:
                if (!json.isBoolean()) {
                    throw new IllegalArgumentException(where + " must be true or false");
                }
                return json.asBoolean();
            case INT:
                if (!json.canConvertToInt() || !json.isIntegralNumber()) {
                    throw new IllegalArgumentException(where + " must be a whole number");
                }
                return json.asInt();
            case LONG:
                if (schema.getLogicalType() instanceof LogicalTypes.TimestampMillis) {
                    return instant(json, where);
                }
                if (!json.isIntegralNumber()) {
                    throw new IllegalArgumentException(where + " must be a whole number");
                }
                return json.asLong();
            case DOUBLE:
            case FLOAT:
                if (!json.isNumber()) {
                    throw new IllegalArgumentException(where + " must be a number");
                }
                return schema.getType() == Schema.Type.FLOAT
                        ? (Object) (float) json.asDouble()
                        : (Object) json.asDouble();
            case ENUM:
                if (!json.isTextual() || !schema.getEnumSymbols().contains(json.asText())) {
                    throw new IllegalArgumentException(
                            where
                                    + " must be one of "
                                    + String.join(", ", schema.getEnumSymbols())
                                    + ", was "
                                    + json);
                }
                return SpecificData.get().createEnum(json.asText(), schema);
            case ARRAY:
                if (!json.isArray()) {
                    throw new IllegalArgumentException(where + " must be an array");
                }
                List<Object> items = new ArrayList<>();
                for (int i = 0; i < json.size(); i++) {
                    items.add(value(json.get(i), schema.getElementType(), where + "[" + i + "]"));
                }
                return items;
            case RECORD:
                if (!json.isObject()) {
                    throw new IllegalArgumentException(where + " must be an object");
                }
                return record(json, schema, where + ".");
            default:
                throw new IllegalArgumentException(
                        where + ": " + schema.getType() + " is not read from JSON");
        }
    }

    private static Instant instant(JsonNode json, String where) {
        if (json.isIntegralNumber()) {
            return Instant.ofEpochMilli(json.asLong());
        }
        if (json.isTextual()) {
            try {
                return Instant.parse(json.asText());
            } catch (DateTimeParseException e) {
                // reported below
            }
        }
        throw new IllegalArgumentException(
                where
                        + " must be an ISO-8601 instant such as 2026-03-02T09:00:00Z or epoch"
                        + " milliseconds, was "
                        + json);
    }
}
