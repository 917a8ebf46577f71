package io.omnistock.connectors;

import io.omnistock.contracts.TopicSpec;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.kafka.clients.consumer.ConsumerConfig;

/**
 * Builds the Kafka sources of the jobs from {@link KafkaOptions}. Every source reads only committed
 * records ({@code isolation.level=read_committed}), so an exactly-once upstream never shows it
 * aborted writes.
 */
public final class KafkaSources {

    /**
     * An unbounded source over {@code topics}, configured from {@code conf}: bootstrap servers,
     * group id, starting offsets, the security options of {@link KafkaSecurity} and the {@code
     * kafka.client.*} pass-through. The pass-through cannot override the typed options nor the
     * isolation level.
     */
    public static <T> KafkaSource<T> source(
            Configuration conf,
            KafkaRecordDeserializationSchema<T> deserializer,
            List<TopicSpec<?>> topics) {
        if (topics.isEmpty()) {
            throw new IllegalArgumentException("a source needs at least one topic");
        }
        return KafkaSource.<T>builder()
                .setProperties(KafkaOptions.clientProperties(conf))
                .setBootstrapServers(conf.get(KafkaOptions.BOOTSTRAP_SERVERS))
                .setGroupId(conf.get(KafkaOptions.GROUP_ID))
                .setTopics(topics.stream().map(TopicSpec::name).toList())
                .setStartingOffsets(conf.get(KafkaOptions.STARTING_OFFSETS).initializer())
                .setProperty(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")
                .setDeserializer(deserializer)
                .build();
    }

    private KafkaSources() {}
}
