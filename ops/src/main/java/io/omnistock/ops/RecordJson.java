package io.omnistock.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.HexFormat;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericEnumSymbol;
import org.apache.avro.generic.IndexedRecord;

/**
 * An Avro record as a JSON object with the Avro field names: timestamps as ISO-8601 instants (UTC,
 * the CLI) or epoch milliseconds (the availability service's API), enums as their symbols, optional
 * fields as the value or {@code null}, {@code bytes} (a dead letter's original record) as base64 or
 * hex text, arrays as arrays, nested records as objects.
 */
public final class RecordJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** How {@code bytes} fields are written. */
    public enum Bytes {
        base64,
        hex
    }

    /** How {@code timestamp-millis} fields are written. */
    public enum Timestamps {
        ISO_8601,
        EPOCH_MILLIS
    }

    /** The availability service's records: epoch-millisecond timestamps. */
    public static final RecordJson API = new RecordJson(Timestamps.EPOCH_MILLIS, Bytes.base64);

    private final Timestamps timestamps;
    private final Bytes bytes;

    /** ISO-8601 timestamps, {@code bytes} as {@code bytes} says. */
    public RecordJson(Bytes bytes) {
        this(Timestamps.ISO_8601, bytes);
    }

    public RecordJson(Timestamps timestamps, Bytes bytes) {
        this.timestamps = timestamps;
        this.bytes = bytes;
    }

    public ObjectNode toJson(IndexedRecord record) {
        ObjectNode out = NODES.objectNode();
        for (Schema.Field field : record.getSchema().getFields()) {
            out.set(field.name(), value(record.get(field.pos())));
        }
        return out;
    }

    private JsonNode value(Object v) {
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
            return timestamps == Timestamps.EPOCH_MILLIS
                    ? NODES.numberNode(t.toEpochMilli())
                    : NODES.textNode(t.toString());
        }
        if (v instanceof ByteBuffer b) {
            byte[] raw = new byte[b.remaining()];
            b.duplicate().get(raw);
            return NODES.textNode(
                    bytes == Bytes.hex
                            ? HexFormat.of().formatHex(raw)
                            : Base64.getEncoder().encodeToString(raw));
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
}
