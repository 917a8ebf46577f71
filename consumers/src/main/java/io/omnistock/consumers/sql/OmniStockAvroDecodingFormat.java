package io.omnistock.consumers.sql;

import io.omnistock.contracts.TopicSpec;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.connector.ChangelogMode;
import org.apache.flink.table.connector.format.DecodingFormat;
import org.apache.flink.table.connector.source.DynamicTableSource;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.RowType;

/**
 * Checks the table's columns against the topic's writer schema (each column a field of that name,
 * of the type {@link TableDefinitions#columnType} gives it) and builds the decoder.
 */
final class OmniStockAvroDecodingFormat implements DecodingFormat<DeserializationSchema<RowData>> {
    private final TopicSpec<?> topic;
    private final boolean ignoreParseErrors;

    OmniStockAvroDecodingFormat(TopicSpec<?> topic, boolean ignoreParseErrors) {
        this.topic = topic;
        this.ignoreParseErrors = ignoreParseErrors;
    }

    @Override
    public DeserializationSchema<RowData> createRuntimeDecoder(
            DynamicTableSource.Context context, DataType physicalDataType) {
        Schema writer = SpecificData.get().getSchema(topic.valueType());
        RowType columns = (RowType) physicalDataType.getLogicalType();
        List<Schema.Field> projected = new ArrayList<>();
        for (RowType.RowField column : columns.getFields()) {
            Schema.Field field = writer.getField(column.getName());
            if (field == null) {
                throw new ValidationException(
                        "column `"
                                + column.getName()
                                + "` is not a field of "
                                + writer.getName()
                                + " ("
                                + topic.name()
                                + "); its fields: "
                                + writer.getFields().stream().map(Schema.Field::name).toList());
            }
            LogicalType expected = TableDefinitions.columnType(field);
            if (!expected.copy(true).equals(column.getType().copy(true))) {
                throw new ValidationException(
                        "column `"
                                + column.getName()
                                + "` of "
                                + topic.name()
                                + " must be "
                                + expected.asSummaryString()
                                + ", not "
                                + column.getType().asSummaryString());
            }
            projected.add(new Schema.Field(field, field.schema()));
        }
        Schema reader =
                Schema.createRecord(
                        writer.getName(), writer.getDoc(), writer.getNamespace(), false, projected);
        TypeInformation<RowData> producedType = context.createTypeInformation(physicalDataType);
        return new OmniStockAvroDeserializationSchema(
                topic.name(),
                writer.toString(),
                reader.toString(),
                columns,
                producedType,
                ignoreParseErrors);
    }

    @Override
    public ChangelogMode getChangelogMode() {
        return ChangelogMode.insertOnly();
    }
}
