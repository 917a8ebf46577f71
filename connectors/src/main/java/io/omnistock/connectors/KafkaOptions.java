package io.omnistock.connectors;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/**
 * The Kafka settings of every OmniStock job, as typed Flink options read from the job's {@link
 * Configuration}. Authentication is configured with {@link KafkaSecurity}'s options; keys under
 * {@value #CLIENT_PREFIX} are handed, prefix stripped, to every Kafka consumer, producer and admin
 * client the jobs create (tuning, or security settings the typed options do not cover).
 */
public final class KafkaOptions {

    /** Keys starting with this prefix are Kafka client properties, passed through unchanged. */
    public static final String CLIENT_PREFIX = "kafka.client.";

    public static final ConfigOption<String> BOOTSTRAP_SERVERS =
            ConfigOptions.key("kafka.bootstrap-servers")
                    .stringType()
                    .defaultValue("localhost:9092")
                    .withDescription("Comma-separated host:port list of the Kafka brokers.");

    public static final ConfigOption<String> GROUP_ID =
            ConfigOptions.key("kafka.group-id")
                    .stringType()
                    .defaultValue("omnistock-ledger")
                    .withDescription(
                            "Consumer group of the sources; Flink commits offsets to it on"
                                    + " checkpoints (for monitoring and COMMITTED starts).");

    public static final ConfigOption<StartingOffsets> STARTING_OFFSETS =
            ConfigOptions.key("kafka.starting-offsets")
                    .enumType(StartingOffsets.class)
                    .defaultValue(StartingOffsets.COMMITTED)
                    .withDescription(
                            "Where a job without a checkpoint or savepoint starts reading."
                                    + " COMMITTED falls back to EARLIEST for partitions the group"
                                    + " has no offset for. State restored from a checkpoint wins.");

    public static final ConfigOption<DeliveryMode> DELIVERY_MODE =
            ConfigOptions.key("delivery.mode")
                    .enumType(DeliveryMode.class)
                    .defaultValue(DeliveryMode.EXACTLY_ONCE)
                    .withDescription(
                            "EXACTLY_ONCE: transactional sinks, output visible to read_committed"
                                    + " consumers at each checkpoint. AT_LEAST_ONCE: output"
                                    + " visible within milliseconds, duplicates possible after"
                                    + " a failure (consumers keep the highest version per key).");

    public static final ConfigOption<Duration> TRANSACTION_TIMEOUT =
            ConfigOptions.key("kafka.transaction-timeout")
                    .durationType()
                    .defaultValue(Duration.ofMinutes(10))
                    .withDescription(
                            "transaction.timeout.ms of the exactly-once sinks. Must stay below the"
                                    + " broker's transaction.max.timeout.ms (15 min by default)"
                                    + " and above the checkpoint interval plus the restart time.");

    public static final ConfigOption<String> TRANSACTIONAL_ID_PREFIX =
            ConfigOptions.key("kafka.transactional-id-prefix")
                    .stringType()
                    .defaultValue("omnistock")
                    .withDescription(
                            "Prefix of the exactly-once sinks' transactional ids; each sink uses"
                                    + " <prefix>-<topic>. Must be unique per job on a cluster.");

    /** Where a job without restored state starts reading. */
    public enum StartingOffsets {
        EARLIEST,
        LATEST,
        COMMITTED;

        /** The Flink Kafka source initializer for this choice. */
        public OffsetsInitializer initializer() {
            return switch (this) {
                case EARLIEST -> OffsetsInitializer.earliest();
                case LATEST -> OffsetsInitializer.latest();
                case COMMITTED -> OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST);
            };
        }
    }

    /** The guarantee of the Kafka sinks (docs/design.md section 7). */
    public enum DeliveryMode {
        EXACTLY_ONCE,
        AT_LEAST_ONCE;

        /** The Flink sink guarantee for this mode. */
        public DeliveryGuarantee guarantee() {
            return switch (this) {
                case EXACTLY_ONCE -> DeliveryGuarantee.EXACTLY_ONCE;
                case AT_LEAST_ONCE -> DeliveryGuarantee.AT_LEAST_ONCE;
            };
        }
    }

    /**
     * The Kafka client properties of {@code conf}: the security settings of {@link KafkaSecurity}
     * (secrets from files or the process environment), then every key starting with {@value
     * #CLIENT_PREFIX}, with the prefix stripped ({@code kafka.client.linger.ms: 20} becomes {@code
     * linger.ms=20}), which wins over them.
     *
     * @throws org.apache.flink.configuration.IllegalConfigurationException when a secret the
     *     security options need is missing
     */
    public static Properties clientProperties(Configuration conf) {
        return clientProperties(conf, System::getenv);
    }

    /** {@link #clientProperties(Configuration)} with {@code env} as the environment. */
    public static Properties clientProperties(Configuration conf, Function<String, String> env) {
        Properties props = KafkaSecurity.clientProperties(conf, env);
        props.putAll(passThroughProperties(conf));
        return props;
    }

    /** Only the {@value #CLIENT_PREFIX} keys of {@code conf}, prefix stripped. */
    static Properties passThroughProperties(Configuration conf) {
        Properties props = new Properties();
        for (Map.Entry<String, String> entry : conf.toMap().entrySet()) {
            String key = entry.getKey();
            if (key.startsWith(CLIENT_PREFIX) && key.length() > CLIENT_PREFIX.length()) {
                props.setProperty(key.substring(CLIENT_PREFIX.length()), entry.getValue());
            }
        }
        return props;
    }

    private KafkaOptions() {}
}
