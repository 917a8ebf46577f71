package io.omnistock.consumers.sql;

import io.omnistock.contracts.TopicSpec;
import io.omnistock.contracts.Topics;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.flink.formats.avro.typeutils.AvroSchemaConverter;
import org.apache.flink.table.types.logical.LogicalType;

/**
 * The Flink SQL table of every output topic: the record key as column {@code kafka_key}, then one
 * column per field of the value's schema with the type flink-avro maps it to (strings and enums
 * {@code STRING}, {@code timestamp-millis} {@code TIMESTAMP(3)} in UTC, {@code ["null", T]} a
 * nullable {@code T}, arrays {@code ARRAY}, records {@code ROW}), read with the format {@link
 * OmniStockAvroFormatFactory omnistock-avro}. A field added to a schema appears with no change
 * here; the consumer guide prints what {@link #main} prints, and a test keeps them equal.
 */
public final class TableDefinitions {
    /**
     * The column of the record key (a field of {@code DeadLetter} is already called {@code key}).
     */
    public static final String KEY_COLUMN = "kafka_key";

    /** The topics the engine writes, in the guide's order. */
    public static List<TopicSpec<?>> outputTopics() {
        return Stream.of(Topics.LEDGER_OUTPUTS, Topics.ANALYTICS_OUTPUTS)
                .flatMap(List::stream)
                .toList();
    }

    /** The table name the guide uses for {@code topic}: its name with {@code _} for dots. */
    public static String tableName(TopicSpec<?> topic) {
        return topic.name().replace('.', '_').replace('-', '_');
    }

    /** The column type of {@code field}: flink-avro's mapping of its schema. */
    public static LogicalType columnType(Schema.Field field) {
        return AvroSchemaConverter.convertToDataType(field.schema().toString()).getLogicalType();
    }

    /**
     * {@code CREATE TABLE} for {@code topic} on the Kafka connector, reading committed records from
     * the earliest offset; {@code options} adds connector options (e.g. bounded mode).
     */
    public static String ddl(TopicSpec<?> topic, String bootstrapServers, String options) {
        Schema schema = SpecificData.get().getSchema(topic.valueType());
        StringBuilder sql = new StringBuilder();
        sql.append("CREATE TABLE ").append(tableName(topic)).append(" (\n");
        sql.append("  `").append(KEY_COLUMN).append("` STRING,\n");
        for (Schema.Field field : schema.getFields()) {
            sql.append("  `")
                    .append(field.name())
                    .append("` ")
                    .append(
                            columnType(field)
                                    .asSerializableString()
                                    .replace("VARCHAR(2147483647)", "STRING")
                                    .replace("VARBINARY(2147483647)", "BYTES"))
                    .append(",\n");
        }
        sql.setLength(sql.length() - 2);
        sql.append("\n) WITH (\n");
        option(sql, "connector", "kafka");
        option(sql, "topic", topic.name());
        option(sql, "properties.bootstrap.servers", bootstrapServers);
        option(sql, "properties.isolation.level", "read_committed");
        option(sql, "scan.startup.mode", "earliest-offset");
        option(sql, "key.format", "raw");
        option(sql, "key.fields", KEY_COLUMN);
        option(sql, "value.format", OmniStockAvroFormatFactory.IDENTIFIER);
        option(sql, "value." + OmniStockAvroFormatFactory.IDENTIFIER + ".topic", topic.name());
        option(sql, "value.fields-include", "EXCEPT_KEY");
        sql.append(options);
        sql.setLength(sql.length() - 2);
        sql.append("\n)");
        return sql.toString();
    }

    private static void option(StringBuilder sql, String key, String value) {
        sql.append(String.format(Locale.ROOT, "  '%s' = '%s',%n", key, value));
    }

    /** Prints the table of every output topic, as in the consumer guide. */
    public static void main(String[] args) {
        String bootstrap = args.length > 0 ? args[0] : "localhost:9092";
        for (TopicSpec<?> topic : outputTopics()) {
            System.out.println(ddl(topic, bootstrap, "") + ";\n");
        }
    }

    private TableDefinitions() {}
}
