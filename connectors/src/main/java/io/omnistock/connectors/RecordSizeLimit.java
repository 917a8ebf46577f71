package io.omnistock.connectors;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.record.AbstractRecords;
import org.apache.kafka.common.record.CompressionType;
import org.apache.kafka.common.record.Record;
import org.apache.kafka.common.record.RecordBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The largest record a sink may send to a topic without the producer or the broker refusing it: the
 * producer's {@code max.request.size} and, where the sink may read it, the topic's {@code
 * max.message.bytes}. A record is measured as the producer measures it before sending (an upper
 * bound of the record batch holding only that record, uncompressed), so a record that fits is never
 * refused for its size; one that does not is dead-lettered before it is sent ({@link
 * KeyedAvroSerializationSchema}).
 *
 * <p>Reading a topic's limit takes the {@code DescribeConfigs} permission on it; without it (or if
 * the broker does not answer within {@link #LOOKUP_TIMEOUT_SECONDS} s) the producer's limit alone
 * applies and a warning is logged. The limits are read when a sink's writer opens, so after a
 * topic's limit is lowered under a running job the first refused record fails the job once and the
 * restarted writers use the new limit.
 */
final class RecordSizeLimit implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(RecordSizeLimit.class);

    static final int LOOKUP_TIMEOUT_SECONDS = 10;

    /** Kafka's default {@code max.request.size}. */
    static final int DEFAULT_MAX_REQUEST_SIZE = 1024 * 1024;

    /** Bootstrap servers and security of the admin client; empty: never ask the broker. */
    private final HashMap<String, String> admin;

    private final int maxRequestSize;
    private final String compression;

    /** Topics' limits known without asking the broker (tests). */
    private final HashMap<String, Integer> known;

    private RecordSizeLimit(
            Map<String, String> admin,
            int maxRequestSize,
            String compression,
            Map<String, Integer> known) {
        this.admin = new HashMap<>(admin);
        this.maxRequestSize = maxRequestSize;
        this.compression = compression;
        this.known = new HashMap<>(known);
    }

    /**
     * The limits of a producer with {@code producer}'s settings, reading topics' own limits with an
     * admin client of {@code admin}'s settings (bootstrap servers and security).
     */
    static RecordSizeLimit of(Properties producer, Properties admin) {
        Map<String, String> adminSettings = new HashMap<>();
        admin.stringPropertyNames().forEach(k -> adminSettings.put(k, admin.getProperty(k)));
        return new RecordSizeLimit(
                adminSettings,
                Integer.parseInt(
                        producer.getProperty(
                                ProducerConfig.MAX_REQUEST_SIZE_CONFIG,
                                Integer.toString(DEFAULT_MAX_REQUEST_SIZE))),
                producer.getProperty(ProducerConfig.COMPRESSION_TYPE_CONFIG, "none"),
                Map.of());
    }

    /** The producer's limit only, never asking the broker (unit tests, no broker). */
    static RecordSizeLimit producerOnly(int maxRequestSize) {
        return new RecordSizeLimit(Map.of(), maxRequestSize, "none", Map.of());
    }

    /** These limits, and {@code topic} taking at most {@code maxMessageBytes} (unit tests). */
    RecordSizeLimit withTopicLimit(String topic, int maxMessageBytes) {
        Map<String, Integer> topics = new HashMap<>(known);
        topics.put(topic, maxMessageBytes);
        return new RecordSizeLimit(admin, maxRequestSize, compression, topics);
    }

    /** The size the producer checks {@code key} and {@code value} against, as one record. */
    int measure(byte[] key, byte[] value) {
        return AbstractRecords.estimateSizeInBytesUpperBound(
                RecordBatch.CURRENT_MAGIC_VALUE,
                CompressionType.forName(compression),
                key,
                value,
                Record.EMPTY_HEADERS);
    }

    /**
     * The limit of each of {@code topics}: the smaller of {@code max.request.size} and the topic's
     * {@code max.message.bytes}, or {@code max.request.size} alone where the topic's is not known.
     */
    Map<String, Integer> lookup(List<String> topics) {
        Map<String, Integer> limits = new HashMap<>();
        topics.forEach(
                t ->
                        limits.put(
                                t,
                                Math.min(maxRequestSize, known.getOrDefault(t, maxRequestSize))));
        if (admin.isEmpty()) {
            return limits;
        }
        Properties props = new Properties();
        props.putAll(admin);
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "omnistock-record-size-limit");
        List<ConfigResource> resources = new ArrayList<>();
        topics.forEach(t -> resources.add(new ConfigResource(ConfigResource.Type.TOPIC, t)));
        try (Admin client = Admin.create(props)) {
            Map<ConfigResource, Config> configs =
                    client.describeConfigs(resources)
                            .all()
                            .get(LOOKUP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            configs.forEach(
                    (resource, config) -> {
                        ConfigEntry entry = config.get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG);
                        if (entry != null && entry.value() != null) {
                            limits.merge(
                                    resource.name(), Integer.parseInt(entry.value()), Math::min);
                        }
                    });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            warn(topics, e);
        } catch (Exception e) {
            warn(topics, e);
        }
        return limits;
    }

    private void warn(List<String> topics, Exception e) {
        LOG.warn(
                "Could not read max.message.bytes of {} (grant DescribeConfigs on them to have"
                        + " records above a topic's own limit dead-lettered rather than refused);"
                        + " only the producer's max.request.size of {} bytes applies: {}",
                topics,
                maxRequestSize,
                e.toString());
    }
}
