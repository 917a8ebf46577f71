package io.omnistock.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.omnistock.avro.DeadLetterReason;
import io.omnistock.avro.PosEvent;
import io.omnistock.avro.PosEventType;
import io.omnistock.avro.WmsEvent;
import io.omnistock.avro.WmsEventType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.Test;

/**
 * Records written with the previous and the next compatible version of a topic's schema, read by
 * the current codec when the {@code omnistock.schema} header names their writer schema.
 */
class AvroCodecSchemaEvolutionTest {
    private static final Instant AT = Instant.parse("2026-11-23T10:15:00Z");
    private static final Schema CURRENT = PosEvent.getClassSchema();
    private static final Schema PREVIOUS = WriterSchemas.history(PosEvent.class).get(0);
    private static final Schema NEXT = withAppendedField(CURRENT, "channel", "STORE");

    private final AvroCodec<PosEvent> codec = Topics.POS.codec();

    @Test
    void thePreviousVersionLacksTransactionIdAndIsKnown() {
        assertThat(PREVIOUS.getField("transactionId")).isNull();
        assertThat(PREVIOUS.getFields()).hasSize(CURRENT.getFields().size() - 1);
        assertThat(WriterSchemas.known().find(WriterSchemas.parseHeader(header(PREVIOUS))))
                .isEqualTo(PREVIOUS);
    }

    @Test
    void aRecordOfThePreviousVersionIsReadWithTheDefaultOfTheFieldItLacks() throws Exception {
        byte[] bytes = write(PREVIOUS, "e-1", PosEventType.VOID, 2, "sale-7", null);

        PosEvent read = codec.decode(bytes, header(PREVIOUS));

        assertThat(read).isEqualTo(expected("e-1", PosEventType.VOID, 2, "sale-7", null));
    }

    @Test
    void withoutTheHeaderThePreviousVersionRunsOutOfBytes() throws Exception {
        byte[] bytes = write(PREVIOUS, "e-1", PosEventType.SALE, 2, null, null);

        assertReason(bytes, null, DeadLetterReason.UNDECODABLE);
    }

    @Test
    void aRecordOfTheNextVersionIsReadWithoutItsAppendedField() throws Exception {
        byte[] bytes = write(NEXT, "e-2", PosEventType.SALE, 3, null, "till-4/991");

        PosEvent read = codec.decode(bytes, header(NEXT));

        assertThat(WriterSchemas.known().find(WriterSchemas.parseHeader(header(NEXT)))).isNull();
        assertThat(read).isEqualTo(expected("e-2", PosEventType.SALE, 3, null, "till-4/991"));
    }

    @Test
    void withoutTheHeaderTheNextVersionHasTrailingBytes() throws Exception {
        byte[] bytes = write(NEXT, "e-2", PosEventType.SALE, 3, null, "till-4/991");

        assertReason(bytes, null, DeadLetterReason.TRAILING_BYTES);
    }

    @Test
    void theCurrentVersionReadsTheSameWithOrWithoutTheHeader() throws Exception {
        PosEvent sale = expected("e-3", PosEventType.SALE, 1, null, "till-1/5");
        byte[] bytes = codec.encode(sale);

        assertThat(codec.decode(bytes, header(CURRENT))).isEqualTo(sale);
        assertThat(codec.decode(bytes)).isEqualTo(sale);
    }

    @Test
    void anUnknownWriterWhoseBytesDoNotHoldTheCurrentFieldsIsUndecodable() throws Exception {
        // an older schema the engine was never told about: not a newer version that appended
        byte[] bytes = write(PREVIOUS, "e-4", PosEventType.SALE, 1, null, null);

        assertReason(bytes, "00000000000000aa", DeadLetterReason.UNDECODABLE);
    }

    @Test
    void aKnownEarlierVersionFollowedByMoreBytesHasTrailingBytes() throws Exception {
        byte[] bytes = write(PREVIOUS, "e-5", PosEventType.SALE, 1, null, null);
        byte[] longer = Arrays.copyOf(bytes, bytes.length + 2);

        assertReason(longer, header(PREVIOUS), DeadLetterReason.TRAILING_BYTES);
    }

    @Test
    void aHeaderNamingAnotherRecordTypeIsUndecodable() {
        AvroCodec<WmsEvent> wms = Topics.WMS.codec();
        byte[] receipt =
                wms.encode(
                        new WmsEvent(
                                "w-1",
                                AT,
                                "SKU-1",
                                "DC-1",
                                WmsEventType.RECEIPT,
                                4,
                                null,
                                null,
                                null));

        DecodeException e =
                catchThrowableOfType(
                        DecodeException.class,
                        () -> codec.decode(receipt, header(WmsEvent.getClassSchema())));

        assertThat(e.reason()).isEqualTo(DeadLetterReason.UNDECODABLE);
        assertThat(e.getMessage()).contains("written as io.omnistock.avro.WmsEvent");
    }

    @Test
    void aHeaderThatIsNotAFingerprintIsUndecodable() {
        byte[] bytes = codec.encode(expected("e-6", PosEventType.SALE, 1, null, null));

        assertReason(bytes, "v2", DeadLetterReason.UNDECODABLE);
        assertReason(bytes, "00000000000000AA", DeadLetterReason.UNDECODABLE);
    }

    private void assertReason(byte[] bytes, String header, DeadLetterReason reason) {
        DecodeException e =
                catchThrowableOfType(DecodeException.class, () -> codec.decode(bytes, header));
        assertThat(e).as("decoding must fail").isNotNull();
        assertThat(e.reason()).isEqualTo(reason);
    }

    private static String header(Schema schema) {
        return WriterSchemas.headerValue(schema);
    }

    private static PosEvent expected(
            String id, PosEventType type, int qty, String voided, String transaction) {
        return new PosEvent(id, AT, "SKU-1", "STORE-1", type, qty, voided, transaction);
    }

    /** A till event written by a producer holding {@code schema}, as a generic record. */
    private static byte[] write(
            Schema schema, String id, PosEventType type, int qty, String voided, String transaction)
            throws IOException {
        GenericRecord r = new GenericData.Record(schema);
        r.put("eventId", id);
        r.put("eventTime", AT.toEpochMilli());
        r.put("sku", "SKU-1");
        r.put("nodeId", "STORE-1");
        r.put("type", new GenericData.EnumSymbol(schema.getField("type").schema(), type.name()));
        r.put("quantity", qty);
        r.put("voidedEventId", voided);
        if (schema.getField("transactionId") != null) {
            r.put("transactionId", transaction);
        }
        if (schema.getField("channel") != null) {
            r.put("channel", "KIOSK");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(schema).write(r, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    /** {@code schema} with a string field (with a default) appended: its next version. */
    static Schema withAppendedField(Schema schema, String name, String defaultValue) {
        List<Schema.Field> fields = new ArrayList<>();
        for (Schema.Field f : schema.getFields()) {
            fields.add(new Schema.Field(f, f.schema()));
        }
        fields.add(new Schema.Field(name, Schema.create(Schema.Type.STRING), null, defaultValue));
        return Schema.createRecord(
                schema.getName(), schema.getDoc(), schema.getNamespace(), false, fields);
    }
}
