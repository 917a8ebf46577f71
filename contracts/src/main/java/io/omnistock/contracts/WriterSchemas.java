package io.omnistock.contracts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * The writer schemas the engine knows, by fingerprint: the current schema of every topic in {@link
 * Topics#all()} and the earlier versions kept as {@code avro-history/<Type>.v<n>.avsc} resources
 * (module {@code schemas}, folder {@code src/main/avro-history}; each file self-contained).
 *
 * <p>A producer names the schema it wrote with in the Kafka record header {@link #HEADER}: the
 * schema's CRC-64-AVRO parsing fingerprint ({@link SchemaNormalization#parsingFingerprint64}) as 16
 * lowercase hex digits. Immutable once built; safe to share.
 */
public final class WriterSchemas {
    /** The Kafka record header that names the writer schema of a record's value. */
    public static final String HEADER = "omnistock.schema";

    private static final String HISTORY = "avro-history/";
    private static final Pattern HEX16 = Pattern.compile("[0-9a-f]{16}");

    private final Map<Long, Schema> byFingerprint;

    private WriterSchemas(Map<Long, Schema> byFingerprint) {
        this.byFingerprint = Map.copyOf(byFingerprint);
    }

    /** The catalog's current schemas and every history resource of their types. */
    public static WriterSchemas known() {
        return Holder.KNOWN;
    }

    /** The header value naming {@code schema}: its parsing fingerprint, 16 lowercase hex digits. */
    public static String headerValue(Schema schema) {
        return String.format(
                Locale.ROOT, "%016x", SchemaNormalization.parsingFingerprint64(schema));
    }

    /**
     * The fingerprint a header value names.
     *
     * @throws IllegalArgumentException if the value is not 16 lowercase hex digits
     */
    public static long parseHeader(String value) {
        if (value == null || !HEX16.matcher(value).matches()) {
            throw new IllegalArgumentException(
                    "header "
                            + HEADER
                            + " must be 16 lowercase hex digits (a CRC-64-AVRO fingerprint), was '"
                            + value
                            + "'");
        }
        return Long.parseUnsignedLong(value, 16);
    }

    /** The known writer schema with this fingerprint, or null. */
    public Schema find(long fingerprint) {
        return byFingerprint.get(fingerprint);
    }

    /** The earlier versions of {@code type} kept as history resources, oldest first. */
    public static List<Schema> history(Class<? extends SpecificRecord> type) {
        List<Schema> versions = new ArrayList<>();
        ClassLoader loader = type.getClassLoader();
        for (int version = 1; ; version++) {
            String resource = HISTORY + type.getSimpleName() + ".v" + version + ".avsc";
            try (InputStream in = loader.getResourceAsStream(resource)) {
                if (in == null) {
                    return versions;
                }
                Schema schema = new Schema.Parser().parse(in);
                if (!schema.getFullName().equals(type.getName())) {
                    throw new IllegalStateException(
                            resource + " defines " + schema.getFullName() + ", not " + type);
                }
                versions.add(schema);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + resource, e);
            }
        }
    }

    private static final class Holder {
        static final WriterSchemas KNOWN = build();

        private static WriterSchemas build() {
            Map<Long, Schema> schemas = new HashMap<>();
            for (TopicSpec<?> topic : Topics.all()) {
                Schema current = SpecificData.get().getSchema(topic.valueType());
                schemas.put(SchemaNormalization.parsingFingerprint64(current), current);
                for (Schema earlier : history(topic.valueType())) {
                    schemas.put(SchemaNormalization.parsingFingerprint64(earlier), earlier);
                }
            }
            return new WriterSchemas(schemas);
        }
    }
}
