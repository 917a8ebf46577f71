package io.omnistock.testing;

import io.omnistock.contracts.AvroCodec;
import io.omnistock.contracts.DecodeException;
import io.omnistock.contracts.TopicSpec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes test input to topics and reads job output back, the way the contract's users do: string
 * keys, Avro values, and reads as a {@code read_committed} consumer from the beginning of every
 * partition, so aborted or not yet committed output is never seen. Sends are acknowledged by the
 * broker before they return. Reads poll with a deadline, never sleep. Not thread-safe.
 */
public final class KafkaTestClient implements AutoCloseable {
    private static final Duration POLL = Duration.ofMillis(100);

    /** {@link #readAll} gives up when records still arrive after this long. */
    private static final Duration MAX_READ_ALL = Duration.ofMinutes(1);

    private final String bootstrapServers;
    private final Properties clientProperties;
    private final KafkaProducer<String, byte[]> producer;
    private final Map<TopicSpec<?>, AvroCodec<?>> codecs = new HashMap<>();

    public KafkaTestClient(String bootstrapServers) {
        this(bootstrapServers, new Properties());
    }

    /**
     * A client whose producer and consumers also get {@code clientProperties} (e.g. a SASL login).
     */
    public KafkaTestClient(String bootstrapServers, Properties clientProperties) {
        this.bootstrapServers = bootstrapServers;
        this.clientProperties = new Properties();
        this.clientProperties.putAll(clientProperties);
        Properties props = new Properties();
        props.putAll(clientProperties);
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        // so that tests can send records the jobs must reject as oversized
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, EmbeddedKafkaBroker.MAX_MESSAGE_BYTES);
        this.producer =
                new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    /** Writes raw bytes (valid or not) and returns once the broker has them. */
    public void send(String topic, String key, byte[] value, long timestamp) {
        try {
            producer.send(new ProducerRecord<>(topic, null, timestamp, key, value)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending to " + topic, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot send to " + topic, e.getCause());
        }
    }

    /**
     * Writes raw bytes with one record header (e.g. the writer schema a value was written with) and
     * returns once the broker has them.
     */
    public void sendWithHeader(
            String topic,
            String key,
            byte[] value,
            long timestamp,
            String headerName,
            String headerValue) {
        ProducerRecord<String, byte[]> record =
                new ProducerRecord<>(topic, null, timestamp, key, value);
        record.headers().add(headerName, headerValue.getBytes(StandardCharsets.UTF_8));
        try {
            producer.send(record).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending to " + topic, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot send to " + topic, e.getCause());
        }
    }

    /** Writes {@code value} encoded with the topic's codec and returns once the broker has it. */
    public <V extends SpecificRecord> void send(
            TopicSpec<V> topic, String key, V value, long timestamp) {
        send(topic.name(), key, codec(topic).encode(value), timestamp);
    }

    /**
     * Writes {@code value} in a transaction (id {@code transactionalId}) that is then aborted: a
     * {@code read_committed} reader must never see it.
     */
    public <V extends SpecificRecord> void sendAborted(
            TopicSpec<V> topic, String key, V value, String transactionalId) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic.name(), key, codec(topic).encode(value)));
            producer.flush();
            producer.abortTransaction();
        }
    }

    /**
     * Every committed record of {@code topic}, in partition then offset order, once none has
     * arrived for {@code quietPeriod}.
     */
    public <V extends SpecificRecord> List<KeyedValue<V>> readAll(
            TopicSpec<V> topic, Duration quietPeriod) {
        AvroCodec<V> codec = codec(topic);
        List<KeyedValue<V>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = consumerFromBeginning(topic)) {
            long start = System.nanoTime();
            long lastArrival = start;
            while (System.nanoTime() - lastArrival < quietPeriod.toNanos()) {
                if (System.nanoTime() - start > MAX_READ_ALL.toNanos()) {
                    throw new AssertionError(
                            topic.name() + " did not go quiet within " + MAX_READ_ALL);
                }
                int before = records.size();
                consumer.poll(POLL).forEach(r -> records.add(decode(codec, r)));
                if (records.size() > before) {
                    lastArrival = System.nanoTime();
                }
            }
        }
        return sortedByPosition(records);
    }

    /**
     * The committed records of {@code topic} read so far, as soon as {@code done} holds for their
     * values (in read order; null for tombstones).
     *
     * @throws AssertionError when {@code done} does not hold within {@code deadline}
     */
    public <V extends SpecificRecord> List<KeyedValue<V>> readUntil(
            TopicSpec<V> topic, Predicate<List<V>> done, Duration deadline) {
        AvroCodec<V> codec = codec(topic);
        List<KeyedValue<V>> records = new ArrayList<>();
        List<V> values = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = consumerFromBeginning(topic)) {
            long end = System.nanoTime() + deadline.toNanos();
            while (!done.test(values)) {
                if (System.nanoTime() - end > 0) {
                    throw new AssertionError(
                            "condition not met on "
                                    + topic.name()
                                    + " within "
                                    + deadline
                                    + "; read "
                                    + values.size()
                                    + " records: "
                                    + values);
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    KeyedValue<V> read = decode(codec, record);
                    records.add(read);
                    values.add(read.value());
                }
            }
        }
        return records;
    }

    /**
     * The compacted view of {@code records}: the last value per key, in order of first appearance;
     * a tombstone removes its key. Last means last in {@code records}, which for one key is offset
     * order, since a key stays in one partition.
     */
    public static <V> Map<String, V> latestByKey(List<KeyedValue<V>> records) {
        Map<String, V> latest = new LinkedHashMap<>();
        for (KeyedValue<V> record : records) {
            if (record.value() == null) {
                latest.remove(record.key());
            } else {
                latest.put(record.key(), record.value());
            }
        }
        return latest;
    }

    @Override
    public void close() {
        producer.close();
    }

    private KafkaConsumer<String, byte[]> consumerFromBeginning(TopicSpec<?> topic) {
        Properties props = new Properties();
        props.putAll(clientProperties);
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        List<PartitionInfo> partitions = consumer.partitionsFor(topic.name());
        if (partitions.isEmpty()) {
            consumer.close();
            throw new IllegalArgumentException("no topic " + topic.name());
        }
        List<TopicPartition> assigned =
                partitions.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(assigned);
        consumer.seekToBeginning(assigned);
        return consumer;
    }

    private static <V extends SpecificRecord> KeyedValue<V> decode(
            AvroCodec<V> codec, ConsumerRecord<String, byte[]> record) {
        V value = null;
        if (record.value() != null) {
            try {
                value = codec.decode(record.value());
            } catch (DecodeException e) {
                throw new IllegalStateException(
                        "record "
                                + record.topic()
                                + '/'
                                + record.partition()
                                + '/'
                                + record.offset()
                                + " is not a "
                                + codec.type().getSimpleName(),
                        e);
            }
        }
        return new KeyedValue<>(
                record.key(), value, record.timestamp(), record.partition(), record.offset());
    }

    private static <V> List<KeyedValue<V>> sortedByPosition(List<KeyedValue<V>> records) {
        List<KeyedValue<V>> sorted = new ArrayList<>(records);
        sorted.sort(
                Comparator.<KeyedValue<V>>comparingInt(KeyedValue::partition)
                        .thenComparingLong(KeyedValue::offset));
        return sorted;
    }

    @SuppressWarnings("unchecked")
    private <V extends SpecificRecord> AvroCodec<V> codec(TopicSpec<V> topic) {
        return (AvroCodec<V>) codecs.computeIfAbsent(topic, TopicSpec::codec);
    }
}
