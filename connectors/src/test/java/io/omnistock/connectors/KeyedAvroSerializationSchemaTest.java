package io.omnistock.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import io.omnistock.avro.DeadLetter;
import io.omnistock.avro.DeadLetterReason;
import io.omnistock.avro.PosEvent;
import io.omnistock.avro.PosEventType;
import io.omnistock.contracts.DecodeException;
import io.omnistock.contracts.Topics;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema.KafkaSinkContext;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class KeyedAvroSerializationSchemaTest {
    private static final PosEvent SALE =
            PosEvent.newBuilder()
                    .setEventId("e-1")
                    .setEventTime(Instant.parse("2026-11-23T10:15:00Z"))
                    .setSku("sku-é")
                    .setNodeId("store-1")
                    .setType(PosEventType.SALE)
                    .setQuantity(2)
                    .build();

    private static final KafkaSinkContext SINK_CONTEXT =
            new KafkaSinkContext() {
                @Override
                public int getParallelInstanceId() {
                    return 0;
                }

                @Override
                public int getNumberOfParallelInstances() {
                    return 1;
                }

                @Override
                public int[] getPartitionsForTopic(String topic) {
                    return new int[] {0};
                }
            };

    private KeyedAvroSerializationSchema<PosEvent> schema;

    @BeforeEach
    void open() {
        schema = new KeyedAvroSerializationSchema<>(Topics.POS, PosEvent::getSku);
        schema.open(null, SINK_CONTEXT);
    }

    @Test
    void writesUtf8KeyAndAvroValueToTheTopic() throws DecodeException {
        ProducerRecord<byte[], byte[]> record = schema.serialize(SALE, SINK_CONTEXT, 1234L);

        assertThat(record.topic()).isEqualTo("inventory.pos");
        assertThat(record.partition()).isNull();
        assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo("sku-é");
        assertThat(Topics.POS.codec().decode(record.value())).isEqualTo(SALE);
    }

    @Test
    void leavesTheTimestampToTheProducerWhateverTheElementsTime() {
        assertThat(schema.serialize(SALE, SINK_CONTEXT, 1234L).timestamp()).isNull();
        assertThat(schema.serialize(SALE, SINK_CONTEXT, null).timestamp()).isNull();
        assertThat(schema.serialize(SALE, SINK_CONTEXT, -1L).timestamp()).isNull();
    }

    @Test
    void aNullKeyStaysNull() {
        var nullKeys = new KeyedAvroSerializationSchema<PosEvent>(Topics.POS, e -> null);
        nullKeys.open(null, SINK_CONTEXT);

        assertThat(nullKeys.serialize(SALE, SINK_CONTEXT, 1L).key()).isNull();
    }

    @Test
    void aRecordTooLargeForItsTopicBecomesADeadLetterHoldingItsBytes() throws DecodeException {
        byte[] encoded = Topics.POS.codec().encode(SALE);
        int size = RecordSizeLimit.producerOnly(1).measure(utf8("sku-é"), encoded);
        var small =
                new KeyedAvroSerializationSchema<>(
                        Topics.POS,
                        PosEvent::getSku,
                        RecordSizeLimit.producerOnly(10_000)
                                .withTopicLimit("inventory.pos", size - 1));
        small.open(null, SINK_CONTEXT);

        ProducerRecord<byte[], byte[]> record = small.serialize(SALE, SINK_CONTEXT, 1L);

        assertThat(record.topic()).isEqualTo("deadletter");
        assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo("inventory.pos");
        DeadLetter letter = Topics.DEADLETTER.codec().decode(record.value());
        assertThat(letter.getReason()).isEqualTo(DeadLetterReason.OUTPUT_TOO_LARGE);
        assertThat(letter.getSourceTopic()).isEqualTo("inventory.pos");
        assertThat(letter.getKey()).isEqualTo("sku-é");
        assertThat(letter.getEventId()).isEqualTo("inventory.pos/output/sku-é");
        assertThat(letter.getOffset()).isEqualTo(-1);
        assertThat(letter.getMessage()).contains(size + " bytes", (size - 1) + " bytes");
        assertThat(Topics.POS.codec().decode(bytes(letter.getOriginalBytes()))).isEqualTo(SALE);
    }

    @Test
    void aRecordOfExactlyTheLimitIsWrittenToItsTopic() {
        int size =
                RecordSizeLimit.producerOnly(1)
                        .measure(utf8("sku-é"), Topics.POS.codec().encode(SALE));
        var exact =
                new KeyedAvroSerializationSchema<>(
                        Topics.POS, PosEvent::getSku, RecordSizeLimit.producerOnly(size));
        exact.open(null, SINK_CONTEXT);

        assertThat(exact.serialize(SALE, SINK_CONTEXT, 1L).topic()).isEqualTo("inventory.pos");
    }

    @Test
    void aDeadLetterTooLargeForDeadletterKeepsTheBytesThatFit() throws DecodeException {
        byte[] original = new byte[2000];
        java.util.Arrays.fill(original, (byte) 7);
        DeadLetter big =
                DeadLetter.newBuilder()
                        .setEventId("inventory.pos/0/1")
                        .setEventTime(Instant.parse("2026-11-23T10:15:00Z"))
                        .setSourceTopic("inventory.pos")
                        .setPartition(0)
                        .setOffset(1)
                        .setReason(DeadLetterReason.OVERSIZED_RECORD)
                        .setMessage("value above 64 KiB")
                        .setOriginalBytes(ByteBuffer.wrap(original))
                        .build();
        var deadletter =
                new KeyedAvroSerializationSchema<>(
                        Topics.DEADLETTER,
                        DeadLetter::getSourceTopic,
                        RecordSizeLimit.producerOnly(1000));
        deadletter.open(null, SINK_CONTEXT);

        ProducerRecord<byte[], byte[]> record = deadletter.serialize(big, SINK_CONTEXT, 1L);

        assertThat(record.topic()).isEqualTo("deadletter");
        assertThat(RecordSizeLimit.producerOnly(1).measure(record.key(), record.value()))
                .isLessThanOrEqualTo(1000);
        DeadLetter cut = Topics.DEADLETTER.codec().decode(record.value());
        assertThat(cut.getReason()).isEqualTo(DeadLetterReason.OVERSIZED_RECORD);
        assertThat(cut.getMessage()).startsWith("value above 64 KiB").contains("of 2000");
        byte[] kept = bytes(cut.getOriginalBytes());
        assertThat(kept).isNotEmpty();
        assertThat(original).startsWith(kept);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] b = new byte[buffer.remaining()];
        buffer.duplicate().get(b);
        return b;
    }
}
