package io.omnistock.ops;

import io.omnistock.connectors.KafkaOptions;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.flink.configuration.Configuration;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.errors.TimeoutException;
import picocli.CommandLine.Option;

/**
 * {@code --bootstrap} and {@code --config}, shared by every command and by {@code
 * ./omnistock-serve}. The config file is read the way the jobs read theirs: {@code
 * kafka.bootstrap-servers}, the security options of {@code KafkaSecurity} ({@code
 * kafka.security.protocol}, {@code kafka.sasl.*}, {@code kafka.ssl.*}) and {@code kafka.client.*}
 * pass-through properties, so the tool can use a job's own properties file.
 */
public final class KafkaConnectionOptions {

    @Option(
            names = "--bootstrap",
            paramLabel = "host:port",
            description =
                    "Kafka brokers, comma-separated. Default: kafka.bootstrap-servers of --config,"
                            + " else localhost:9092.")
    String bootstrap;

    @Option(
            names = "--config",
            paramLabel = "file.properties",
            description =
                    "A job properties file: kafka.bootstrap-servers, kafka.security.*,"
                            + " kafka.sasl.*, kafka.ssl.* and kafka.client.* are used as the jobs"
                            + " use them.")
    Path config;

    /** The {@code --config} file, or null. */
    public Path configFile() {
        return config;
    }

    /** The options of {@code --config} (empty without it). */
    Configuration configuration() {
        if (config == null) {
            return new Configuration();
        }
        Properties file = new Properties();
        try (Reader reader = Files.newBufferedReader(config, StandardCharsets.UTF_8)) {
            file.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read --config " + config, e);
        }
        Map<String, String> map = new HashMap<>();
        file.stringPropertyNames().forEach(k -> map.put(k, file.getProperty(k)));
        return Configuration.fromMap(map);
    }

    /** {@code --bootstrap}, else the config file's, else the jobs' default. */
    public String bootstrapServers() {
        return bootstrap != null ? bootstrap : configuration().get(KafkaOptions.BOOTSTRAP_SERVERS);
    }

    /**
     * The Kafka client properties of {@code --config} (security and {@code kafka.client.*}
     * pass-through) with the bootstrap servers, and the clients' own timeouts: what a long-running
     * process such as the availability service uses.
     */
    public Properties connectionProperties() {
        Properties props = KafkaOptions.clientProperties(configuration());
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        return props;
    }

    /**
     * How long a command waits for the brokers before it fails naming the address ({@link
     * #unreachable}); {@code kafka.client.default.api.timeout.ms} in {@code --config} overrides it.
     */
    static final Duration REACH_TIMEOUT = Duration.ofSeconds(10);

    /**
     * The Kafka client properties (security and pass-through) with the bootstrap servers; calls
     * that wait for the brokers give up after {@link #REACH_TIMEOUT}.
     */
    Properties clientProperties() {
        Properties props = connectionProperties();
        String timeout = Long.toString(REACH_TIMEOUT.toMillis());
        props.putIfAbsent(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, timeout);
        props.putIfAbsent(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, timeout);
        return props;
    }

    /**
     * The error to print when {@code failure} is the brokers not answering in time: names the
     * address and the likely fixes; null when it is another failure.
     */
    String unreachable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof TimeoutException) {
                return "cannot reach Kafka at "
                        + bootstrapServers()
                        + " within "
                        + REACH_TIMEOUT.toSeconds()
                        + " s ("
                        + cause.getMessage()
                        + "). Is a broker running there? Pass its address with --bootstrap"
                        + " host:port (or kafka.bootstrap-servers in --config); a secured cluster"
                        + " also needs its kafka.security.* options in --config.";
            }
        }
        return null;
    }

    /**
     * Properties of a consumer that reads only committed records (the exactly-once jobs' output
     * becomes visible at their checkpoints) and commits nothing.
     */
    Properties consumerProperties() {
        Properties props = clientProperties();
        props.putIfAbsent(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        return props;
    }

    /** Properties of an idempotent producer whose sends are acknowledged by all replicas. */
    Properties producerProperties() {
        Properties props = clientProperties();
        props.putIfAbsent(
                ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(REACH_TIMEOUT.toMillis()));
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        return props;
    }
}
