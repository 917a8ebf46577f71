package io.omnistock.consumers;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * A record of any generated type with every field set (non-null union branches, one-element arrays
 * and maps, the last enum symbol), built from its schema alone, so a field added to a schema is
 * covered with no change here. Values vary with {@code seed}.
 */
final class SampleRecords {
    static <V extends SpecificRecord> V of(Class<V> type, int seed) {
        @SuppressWarnings("unchecked")
        V record = (V) value(SpecificData.get().getSchema(type), seed);
        return record;
    }

    private static Object value(Schema schema, int seed) {
        switch (schema.getType()) {
            case RECORD:
                SpecificRecord record = (SpecificRecord) SpecificData.get().newRecord(null, schema);
                for (Schema.Field field : schema.getFields()) {
                    record.put(field.pos(), value(field.schema(), seed + field.pos()));
                }
                return record;
            case UNION:
                Schema branch =
                        schema.getTypes().stream()
                                .filter(s -> s.getType() != Schema.Type.NULL)
                                .findFirst()
                                .orElseThrow();
                return value(branch, seed);
            case ARRAY:
                List<Object> list = new ArrayList<>();
                list.add(value(schema.getElementType(), seed + 1));
                return list;
            case MAP:
                return java.util.Map.of("k" + seed, value(schema.getValueType(), seed + 1));
            case ENUM:
                List<String> symbols = schema.getEnumSymbols();
                return SpecificData.get().createEnum(symbols.get(seed % symbols.size()), schema);
            case STRING:
                return "s-" + seed;
            case BYTES:
                return ByteBuffer.wrap(new byte[] {(byte) seed, 0, (byte) 0xff});
            case INT:
                return 1_000 + seed;
            case LONG:
                if (schema.getLogicalType() instanceof LogicalTypes.TimestampMillis) {
                    return Instant.ofEpochMilli(1_764_583_200_000L + seed * 1_000L);
                }
                return (1L << 33) + seed;
            case DOUBLE:
                return 0.25 + seed;
            case FLOAT:
                return 0.5f + seed;
            case BOOLEAN:
                return seed % 2 == 0;
            default:
                throw new IllegalArgumentException("no sample for " + schema);
        }
    }

    private SampleRecords() {}
}
