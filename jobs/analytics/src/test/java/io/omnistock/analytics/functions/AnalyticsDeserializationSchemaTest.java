package io.omnistock.analytics.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.omnistock.avro.CountCheck;
import io.omnistock.avro.DeadLetter;
import io.omnistock.avro.DeadLetterReason;
import io.omnistock.avro.SourceSystem;
import io.omnistock.contracts.DeadLetters;
import io.omnistock.contracts.Topics;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The analytics job's input decoding: each topic's record lands in its own field, and a record that
 * does not decode becomes a dead letter with its reason, position and original bytes, never an
 * exception.
 */
class AnalyticsDeserializationSchemaTest {
    private static final long T = Instant.parse("2026-11-23T10:00:00Z").toEpochMilli();

    private final AnalyticsDeserializationSchema schema = new AnalyticsDeserializationSchema();
    private final List<AnalyticsInput> out = new ArrayList<>();

    @BeforeEach
    void open() {
        schema.open(null);
    }

    @Test
    void aCountCheckDecodesIntoItsField() throws Exception {
        CountCheck check =
                CountCheck.newBuilder()
                        .setEventId("count-1")
                        .setEventTime(Instant.ofEpochMilli(T))
                        .setSku("SKU-1")
                        .setNodeId("S1")
                        .setRegion("UK")
                        .setCounted(4)
                        .setMatched(false)
                        .setSource(SourceSystem.WMS)
                        .build();

        read(Topics.COUNT_CHECKS.name(), "SKU-1|S1", Topics.COUNT_CHECKS.codec().encode(check));

        assertThat(out)
                .singleElement()
                .satisfies(
                        in -> {
                            assertThat(in.countCheck).isEqualTo(check);
                            assertThat(in.rejected).isNull();
                            assertThat(in.decision).isNull();
                        });
    }

    @Test
    void aDeadLetterReadIsAFactNotARejection() throws Exception {
        DeadLetter letter =
                DeadLetters.of(
                        "inventory.pos",
                        0,
                        7,
                        T,
                        "SKU-1",
                        DeadLetterReason.UNDECODABLE,
                        null,
                        new byte[] {9});

        read(Topics.DEADLETTER.name(), "inventory.pos", Topics.DEADLETTER.codec().encode(letter));

        assertThat(out)
                .singleElement()
                .satisfies(
                        in -> {
                            assertThat(in.deadLetter).isEqualTo(letter);
                            assertThat(in.rejected).isNull();
                        });
    }

    @Test
    void undecodableBytesBecomeADeadLetterWithTheirPositionAndBytes() throws Exception {
        byte[] garbage = {1, 2, 3};

        read(Topics.DECISIONS.name(), "o-1", garbage);
        read(Topics.RETURN_DISPOSITIONS.name(), null, new byte[0]);
        read("not.ours", "k", garbage);

        assertThat(out)
                .extracting(
                        in -> in.rejected.getSourceTopic(),
                        in -> in.rejected.getReason(),
                        in -> in.rejected.getKey())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                "orders.decisions", DeadLetterReason.UNDECODABLE, "o-1"),
                        org.assertj.core.groups.Tuple.tuple(
                                "returns.dispositions", DeadLetterReason.EMPTY_PAYLOAD, null),
                        org.assertj.core.groups.Tuple.tuple(
                                "not.ours", DeadLetterReason.UNKNOWN, "k"));
        DeadLetter first = out.get(0).rejected;
        assertThat(first.getEventId()).isEqualTo("orders.decisions/1/42");
        assertThat(first.getEventTime()).isEqualTo(Instant.ofEpochMilli(T));
        assertThat(first.getOriginalBytes()).isEqualTo(ByteBuffer.wrap(garbage));
        assertThat(out).allSatisfy(in -> assertThat(in.decision).isNull());
    }

    @Test
    void theInputIsAPojoWithoutKryo() {
        TypeInformation<AnalyticsInput> type = schema.getProducedType();
        SerializerConfigImpl noGenericTypes = new SerializerConfigImpl();
        noGenericTypes.setGenericTypes(false);

        assertThat(type).isInstanceOf(PojoTypeInfo.class);
        type.createSerializer(noGenericTypes); // throws if a field needs Kryo
    }

    private void read(String topic, String key, byte[] value) throws Exception {
        ConsumerRecord<byte[], byte[]> record =
                new ConsumerRecord<>(
                        topic,
                        1,
                        42,
                        T,
                        org.apache.kafka.common.record.TimestampType.CREATE_TIME,
                        0,
                        value.length,
                        key == null ? null : key.getBytes(StandardCharsets.UTF_8),
                        value,
                        new org.apache.kafka.common.header.internals.RecordHeaders(),
                        java.util.Optional.empty());
        schema.deserialize(
                record,
                new Collector<>() {
                    @Override
                    public void collect(AnalyticsInput record) {
                        out.add(record);
                    }

                    @Override
                    public void close() {}
                });
    }
}
