package io.omnistock.serving;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericEnumSymbol;
import org.apache.avro.generic.IndexedRecord;

/**
 * An Avro record as a JSON object whose field names are the Avro field names: timestamps ({@code
 * timestamp-millis}) as epoch milliseconds, enums as their symbols, optional fields as the value or
 * {@code null}, arrays as arrays, nested records as objects.
 */
public final class AvroJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    public static ObjectNode toJson(IndexedRecord record) {
        ObjectNode out = NODES.objectNode();
        for (Schema.Field field : record.getSchema().getFields()) {
            out.set(field.name(), value(record.get(field.pos())));
        }
        return out;
    }

    private static JsonNode value(Object v) {
        if (v == null) {
            return NODES.nullNode();
        }
        if (v instanceof IndexedRecord r) {
            return toJson(r);
        }
        if (v instanceof CharSequence s) {
            return NODES.textNode(s.toString());
        }
        if (v instanceof Instant t) {
            return NODES.numberNode(t.toEpochMilli());
        }
        if (v instanceof Long l) {
            return NODES.numberNode(l);
        }
        if (v instanceof Integer i) {
            return NODES.numberNode(i);
        }
        if (v instanceof Double d) {
            return NODES.numberNode(d);
        }
        if (v instanceof Float f) {
            return NODES.numberNode(f);
        }
        if (v instanceof Boolean b) {
            return NODES.booleanNode(b);
        }
        if (v instanceof Enum<?> e) {
            return NODES.textNode(e.name());
        }
        if (v instanceof GenericEnumSymbol<?> e) {
            return NODES.textNode(e.toString());
        }
        if (v instanceof Collection<?> c) {
            ArrayNode a = NODES.arrayNode(c.size());
            c.forEach(item -> a.add(value(item)));
            return a;
        }
        if (v instanceof Map<?, ?> m) {
            ObjectNode o = NODES.objectNode();
            m.forEach((k, item) -> o.set(k.toString(), value(item)));
            return o;
        }
        return NODES.textNode(v.toString());
    }

    private AvroJson() {}
}
