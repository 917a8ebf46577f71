package io.omnistock.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import io.omnistock.avro.PosEvent;
import io.omnistock.avro.PosEventType;
import io.omnistock.contracts.DecodeException;
import io.omnistock.contracts.Topics;
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
}
