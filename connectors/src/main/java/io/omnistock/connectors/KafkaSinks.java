package io.omnistock.connectors;

import io.omnistock.contracts.TopicSpec;
import java.util.Properties;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.sink.KafkaSinkBuilder;
import org.apache.flink.util.function.SerializableFunction;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * Builds the Kafka sinks of the jobs from {@link KafkaOptions} (and {@link KafkaSecurity}, through
 * {@link KafkaOptions#clientProperties}): one sink per topic, string keys, Avro values, the
 * guarantee of {@link KafkaOptions#DELIVERY_MODE}. In exactly-once mode the output becomes visible
 * to read_committed consumers when the checkpoint that covers it completes.
 */
public final class KafkaSinks {
    /**
     * Batches records for up to 5 ms (Kafka's default is 0: a network wake-up per record); {@code
     * kafka.client.linger.ms} overrides it.
     */
    static final String DEFAULT_LINGER_MS = "5";

    /**
     * The sink metric counting output records too large for their topic, written to {@code
     * deadletter} as {@code OUTPUT_TOO_LARGE} instead (see {@link KeyedAvroSerializationSchema}).
     */
    public static final String OUTPUTS_DEAD_LETTERED = "outputs-dead-lettered";

    /**
     * A sink writing {@code topic}'s values with key {@code keyOf(value)}; the record timestamp is
     * the time of writing, and a record too large for the topic goes to {@code deadletter} instead
     * (see {@link KeyedAvroSerializationSchema}). Exactly-once sinks use the transactional id
     * prefix {@code <kafka.transactional-id-prefix>-<topic name>} and {@code
     * kafka.transaction-timeout}. The {@code kafka.client.*} pass-through cannot override the
     * bootstrap servers or these two.
     */
    public static <V extends SpecificRecord> KafkaSink<V> sink(
            Configuration conf, TopicSpec<V> topic, SerializableFunction<V, String> keyOf) {
        DeliveryGuarantee guarantee = conf.get(KafkaOptions.DELIVERY_MODE).guarantee();
        Properties producer = new Properties();
        producer.setProperty(ProducerConfig.LINGER_MS_CONFIG, DEFAULT_LINGER_MS);
        producer.putAll(KafkaOptions.clientProperties(conf));
        KafkaSinkBuilder<V> builder =
                KafkaSink.<V>builder()
                        .setKafkaProducerConfig(producer)
                        .setBootstrapServers(conf.get(KafkaOptions.BOOTSTRAP_SERVERS))
                        .setRecordSerializer(
                                new KeyedAvroSerializationSchema<>(
                                        topic, keyOf, RecordSizeLimit.of(producer, admin(conf))))
                        .setDeliveryGuarantee(guarantee);
        if (guarantee == DeliveryGuarantee.EXACTLY_ONCE) {
            builder.setTransactionalIdPrefix(
                            conf.get(KafkaOptions.TRANSACTIONAL_ID_PREFIX) + "-" + topic.name())
                    .setProperty(
                            ProducerConfig.TRANSACTION_TIMEOUT_CONFIG,
                            Long.toString(conf.get(KafkaOptions.TRANSACTION_TIMEOUT).toMillis()));
        }
        return builder.build();
    }

    /** The bootstrap servers and security of {@code conf}, for an admin client. */
    private static Properties admin(Configuration conf) {
        Properties admin = KafkaSecurity.clientProperties(conf, System::getenv);
        admin.setProperty(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                conf.get(KafkaOptions.BOOTSTRAP_SERVERS));
        return admin;
    }

    private KafkaSinks() {}
}
