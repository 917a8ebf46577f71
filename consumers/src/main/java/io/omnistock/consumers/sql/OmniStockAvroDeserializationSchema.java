package io.omnistock.consumers.sql;

import java.io.IOException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.formats.avro.AvroToRowDataConverters;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.logical.RowType;

/**
 * Decodes a plain Avro value written with the topic's schema (no framing) into the table's columns:
 * Avro schema resolution picks the columns' fields by name, flink-avro's converters make the row.
 */
final class OmniStockAvroDeserializationSchema implements DeserializationSchema<RowData> {
    private static final long serialVersionUID = 1L;

    private final String topic;
    private final String writerSchema;
    private final String readerSchema;
    private final RowType columns;
    private final TypeInformation<RowData> producedType;
    private final boolean ignoreParseErrors;

    private transient GenericDatumReader<GenericRecord> reader;
    private transient AvroToRowDataConverters.AvroToRowDataConverter converter;
    private transient BinaryDecoder decoder;

    OmniStockAvroDeserializationSchema(
            String topic,
            String writerSchema,
            String readerSchema,
            RowType columns,
            TypeInformation<RowData> producedType,
            boolean ignoreParseErrors) {
        this.topic = topic;
        this.writerSchema = writerSchema;
        this.readerSchema = readerSchema;
        this.columns = columns;
        this.producedType = producedType;
        this.ignoreParseErrors = ignoreParseErrors;
    }

    @Override
    public void open(InitializationContext context) {
        reader =
                new GenericDatumReader<>(
                        new Schema.Parser().parse(writerSchema),
                        new Schema.Parser().parse(readerSchema));
        converter = AvroToRowDataConverters.createRowConverter(columns);
    }

    @Override
    public RowData deserialize(byte[] message) throws IOException {
        if (message == null) {
            return null; // a tombstone: the engine writes none
        }
        try {
            decoder = DecoderFactory.get().binaryDecoder(message, decoder);
            GenericRecord record = reader.read(null, decoder);
            return (RowData) converter.convert(record);
        } catch (IOException | RuntimeException e) {
            if (ignoreParseErrors) {
                return null;
            }
            throw new IOException(
                    "a value on " + topic + " does not decode with its schema: " + e, e);
        }
    }

    @Override
    public boolean isEndOfStream(RowData nextElement) {
        return false;
    }

    @Override
    public TypeInformation<RowData> getProducedType() {
        return producedType;
    }
}
