package io.omnistock.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.omnistock.contracts.Topics;
import io.omnistock.testing.KafkaBrokerExtension;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Whether a group has read every record, told apart from a lag of 0, on the real broker. */
class ConsumerLagITCase {
    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    private static final String GROUP = "analytics-like";

    @Test
    void aGroupPastTheLastRecordHasReadEverythingThoughTheCommitMarkerLeavesALagOfOne()
            throws Exception {
        KAFKA.createTopics(List.of(Topics.DECISIONS), 1);
        TopicPartition partition = new TopicPartition(Topics.DECISIONS.name(), 0);
        writeInOneTransaction(partition, 3); // offsets 0, 1, 2; the commit marker takes 3

        try (ConsumerLag lag =
                new ConsumerLag(KAFKA.bootstrapServers(), GROUP, List.of(Topics.DECISIONS))) {
            assertThat(lag.readEverything()).as("nothing committed yet").isFalse();

            commit(partition, 2);
            assertThat(lag.readEverything()).as("offset 2 not read").isFalse();

            commit(partition, 3);
            assertThat(lag.offsets().lag()).as("the marker").isEqualTo(1);
            assertThat(lag.readEverything()).isTrue();
        }
    }

    private static void writeInOneTransaction(TopicPartition partition, int records) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "consumer-lag-test");
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            for (int i = 0; i < records; i++) {
                producer.send(
                        new ProducerRecord<>(
                                partition.topic(), partition.partition(), null, new byte[] {1}));
            }
            producer.commitTransaction();
        }
    }

    private static void commit(TopicPartition partition, long offset) throws Exception {
        Properties props = KAFKA.adminProperties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
        try (Admin admin = Admin.create(props)) {
            admin.alterConsumerGroupOffsets(GROUP, Map.of(partition, new OffsetAndMetadata(offset)))
                    .all()
                    .get();
        }
    }
}
