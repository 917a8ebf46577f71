package io.omnistock.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.omnistock.avro.Availability;
import io.omnistock.avro.DeadLetterReason;
import io.omnistock.avro.NodeType;
import io.omnistock.avro.PosEvent;
import io.omnistock.avro.PosEventType;
import io.omnistock.avro.SourceSystem;
import io.omnistock.avro.ThreePlEvent;
import io.omnistock.avro.ThreePlEventType;
import io.omnistock.avro.WmsEvent;
import io.omnistock.avro.WmsEventType;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.Arrays;
import java.util.Random;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.Test;

class AvroCodecTest {
    private static final Instant AT = Instant.parse("2026-11-23T10:15:00Z");

    private final AvroCodec<PosEvent> posCodec = Topics.POS.codec();

    @Test
    void decodesWhatItEncodes() throws DecodeException {
        PosEvent sale = sale("e-1", 3);
        PosEvent voided =
                PosEvent.newBuilder(sale("e-2", 1))
                        .setType(PosEventType.VOID)
                        .setVoidedEventId("e-1")
                        .setTransactionId("till-4/991")
                        .build();

        assertThat(posCodec.decode(posCodec.encode(sale))).isEqualTo(sale);
        assertThat(posCodec.decode(posCodec.encode(voided))).isEqualTo(voided);
    }

    @Test
    void eachEncodingIsItsOwnArray() {
        byte[] first = posCodec.encode(sale("e-1", 3));
        byte[] copy = first.clone();

        posCodec.encode(sale("e-2-with-a-longer-id", 9));

        assertThat(first).isEqualTo(copy);
    }

    @Test
    void rejectsAnEmptyPayload() {
        assertReason(null, DeadLetterReason.EMPTY_PAYLOAD);
        assertReason(new byte[0], DeadLetterReason.EMPTY_PAYLOAD);
    }

    @Test
    void rejectsAPayloadOverTheLimitUnread() {
        byte[] valid = posCodec.encode(sale("e-1", 3));
        byte[] oversized = Arrays.copyOf(valid, TopicSpec.MAX_RECORD_BYTES + 1);

        assertReason(oversized, DeadLetterReason.OVERSIZED_RECORD);
    }

    @Test
    void aPayloadOfExactlyTheLimitIsRead() {
        byte[] atLimit = Arrays.copyOf(posCodec.encode(sale("e-1", 3)), TopicSpec.MAX_RECORD_BYTES);

        assertReason(atLimit, DeadLetterReason.TRAILING_BYTES);
    }

    @Test
    void everyTruncationOfAValidRecordIsUndecodable() {
        byte[] valid = posCodec.encode(sale("e-1", 3));

        for (int length = 1; length < valid.length; length++) {
            assertReason(Arrays.copyOf(valid, length), DeadLetterReason.UNDECODABLE);
        }
    }

    @Test
    void aValidRecordFollowedByMoreBytesHasTrailingBytes() {
        byte[] valid = posCodec.encode(sale("e-1", 3));

        assertReason(Arrays.copyOf(valid, valid.length + 1), DeadLetterReason.TRAILING_BYTES);
    }

    @Test
    void randomBytesAreUndecodable() {
        byte[] noise = new byte[100];
        new Random(42).nextBytes(noise);

        // The first byte, read as a string length, is negative.
        assertThatThrownBy(() -> posCodec.decode(noise))
                .isInstanceOfSatisfying(
                        DecodeException.class,
                        e -> assertThat(e.reason()).isEqualTo(DeadLetterReason.UNDECODABLE))
                .hasMessageContaining("Length is negative");
    }

    @Test
    void aLongerRecordOfAnotherSchemaLeavesTrailingBytes() {
        byte[] availability = Topics.AVAILABILITY.codec().encode(availability());

        assertReason(availability, DeadLetterReason.TRAILING_BYTES);
    }

    @Test
    void aShorterRecordOfAnotherSchemaIsUndecodable() {
        byte[] sale = posCodec.encode(sale("e-1", 3));

        assertThatThrownBy(() -> Topics.WMS.codec().decode(sale))
                .isInstanceOfSatisfying(
                        DecodeException.class,
                        e -> assertThat(e.reason()).isEqualTo(DeadLetterReason.UNDECODABLE));
    }

    @Test
    void plainBinaryCannotTellEverySchemaApart() throws DecodeException {
        // A known limit of unframed Avro (README "Known limits"): the bytes of a WMS receipt
        // happen to be a valid 3PL snapshot. (A sale's bytes read as a valid alert until the
        // forecast
        // appended fields to InventoryAlert.)
        WmsEvent receipt =
                WmsEvent.newBuilder()
                        .setEventId("e-1")
                        .setEventTime(Instant.parse("2026-03-02T10:00:00Z"))
                        .setSku("SKU-1")
                        .setNodeId("DC-1")
                        .setType(WmsEventType.RECEIPT)
                        .setQuantity(3)
                        .build();
        byte[] bytes = Topics.WMS.codec().encode(receipt);

        ThreePlEvent snapshot = Topics.THREE_PL.codec().decode(bytes);

        assertThat(snapshot.getEventId()).isEqualTo("e-1");
        assertThat(snapshot.getType()).isEqualTo(ThreePlEventType.SNAPSHOT);
        assertThat(snapshot.getQuantity()).isEqualTo(3);
    }

    @Test
    void decodesAgainAfterARejectedPayload() throws DecodeException {
        PosEvent sale = sale("e-1", 3);
        byte[] valid = posCodec.encode(sale);
        assertReason(Arrays.copyOf(valid, valid.length - 1), DeadLetterReason.UNDECODABLE);

        assertThat(posCodec.decode(valid)).isEqualTo(sale);
    }

    private void assertReason(byte[] payload, DeadLetterReason reason) {
        assertThatThrownBy(() -> posCodec.decode(payload))
                .isInstanceOfSatisfying(
                        DecodeException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }

    private static PosEvent sale(String eventId, int quantity) {
        return PosEvent.newBuilder()
                .setEventId(eventId)
                .setEventTime(AT)
                .setSku("sku-1")
                .setNodeId("store-1")
                .setType(PosEventType.SALE)
                .setQuantity(quantity)
                .build();
    }

    private static Availability availability() {
        return Availability.newBuilder()
                .setEventId("sku-1|store-1|1")
                .setEventTime(AT)
                .setSku("sku-1")
                .setNodeId("store-1")
                .setNodeType(NodeType.STORE)
                .setOnHand(5)
                .setInTransit(0)
                .setSafetyStock(1)
                .setAtp(4)
                .setVersion(1)
                .setLastSource(SourceSystem.POS)
                .setLastEventId("e-1")
                .build();
    }

    @Test
    void aPayloadDeclaringAHugeStringIsRejectedBeforeAvroAllocatesIt() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(bytes, null);
        encoder.writeLong(1_500_000_000L); // eventId "length": 1.5 GB
        encoder.flush();
        bytes.write(new byte[] {1, 2, 3});

        DecodeException e =
                org.junit.jupiter.api.Assertions.assertThrows(
                        DecodeException.class,
                        () -> Topics.POS.codec().decode(bytes.toByteArray()));

        assertThat(e.reason()).isEqualTo(io.omnistock.avro.DeadLetterReason.UNDECODABLE);
        assertThat(e.getCause()).isInstanceOf(org.apache.avro.SystemLimitException.class);
    }
}
