package io.omnistock.consumers.sql;

import io.omnistock.contracts.TopicSpec;
import io.omnistock.contracts.Topics;
import java.util.Set;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.connector.format.DecodingFormat;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.factories.DeserializationFormatFactory;
import org.apache.flink.table.factories.DynamicTableFactory;
import org.apache.flink.table.factories.FactoryUtil;

/**
 * The Flink SQL format {@code omnistock-avro}: reads a topic of the engine's catalog with the
 * engine's own writer schema, which it finds by the topic's name, instead of deriving a schema from
 * the table as Flink's {@code avro} format does (that one cannot read these values: its derived
 * schema has no enums, and its unions put {@code null} where the engine's schemas do not always).
 * Columns are matched to the schema's fields by name, so a table may declare any subset in any
 * order, each with the type {@link TableDefinitions} gives it.
 *
 * <pre>{@code
 * 'value.format' = 'omnistock-avro',
 * 'value.omnistock-avro.topic' = 'inventory.availability'
 * }</pre>
 */
public final class OmniStockAvroFormatFactory implements DeserializationFormatFactory {
    public static final String IDENTIFIER = "omnistock-avro";

    public static final ConfigOption<String> TOPIC =
            ConfigOptions.key("topic")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "The catalog topic whose values these are, e.g. inventory.availability:"
                                    + " names the writer schema.");

    public static final ConfigOption<Boolean> IGNORE_PARSE_ERRORS =
            ConfigOptions.key("ignore-parse-errors")
                    .booleanType()
                    .defaultValue(false)
                    .withDescription(
                            "Skip values that do not decode instead of failing the query.");

    @Override
    public DecodingFormat<DeserializationSchema<RowData>> createDecodingFormat(
            DynamicTableFactory.Context context, ReadableConfig formatOptions) {
        FactoryUtil.validateFactoryOptions(this, formatOptions);
        return new OmniStockAvroDecodingFormat(
                topic(formatOptions.get(TOPIC)), formatOptions.get(IGNORE_PARSE_ERRORS));
    }

    static TopicSpec<?> topic(String name) {
        return Topics.all().stream()
                .filter(t -> t.name().equals(name))
                .findFirst()
                .orElseThrow(
                        () ->
                                new ValidationException(
                                        "'"
                                                + IDENTIFIER
                                                + ".topic' = '"
                                                + name
                                                + "' is not a topic of the catalog: "
                                                + Topics.all().stream()
                                                        .map(TopicSpec::name)
                                                        .toList()));
    }

    @Override
    public String factoryIdentifier() {
        return IDENTIFIER;
    }

    @Override
    public Set<ConfigOption<?>> requiredOptions() {
        return Set.of(TOPIC);
    }

    @Override
    public Set<ConfigOption<?>> optionalOptions() {
        return Set.of(IGNORE_PARSE_ERRORS);
    }
}
