package io.omnistock.generator;

import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes {@link GeneratedRecord}s to Kafka in the order given, keeping each record's key, bytes
 * and timestamp. Idempotent producer with {@code acks=all}; optionally paced to a fixed number of
 * records per second (parking, never spinning). Counters of sent and acknowledged records per topic
 * may be read from any thread while another publishes; {@code send} itself is single-threaded. A
 * failed send is remembered and rethrown by the next {@code send}, {@code flush} or {@code close}.
 */
public final class GeneratorPublisher implements AutoCloseable {
    private final Producer<String, byte[]> producer;
    private final RateLimiter limiter;
    private final Map<String, LongAdder> sent = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> acked = new ConcurrentHashMap<>();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicReference<Exception> firstFailure = new AtomicReference<>();

    /**
     * @param bootstrapServers Kafka bootstrap servers
     * @param recordsPerSecond pacing; 0 sends as fast as the producer accepts
     * @param overrides producer properties applied last (security settings, compression, ...)
     */
    public GeneratorPublisher(
            String bootstrapServers, double recordsPerSecond, Properties overrides) {
        this(
                new KafkaProducer<>(producerProperties(bootstrapServers, overrides)),
                recordsPerSecond);
    }

    GeneratorPublisher(Producer<String, byte[]> producer, double recordsPerSecond) {
        if (recordsPerSecond < 0) {
            throw new IllegalArgumentException("recordsPerSecond must be >= 0");
        }
        this.producer = producer;
        this.limiter = recordsPerSecond > 0 ? new RateLimiter(recordsPerSecond) : null;
    }

    /** The producer settings: defaults, then {@code overrides}; serializers are fixed. */
    static Properties producerProperties(String bootstrapServers, Properties overrides) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        // One request in flight keeps each partition in order through retries. Idempotence is
        // off: every record carries an event id the engine dedupes on, and an idempotent
        // producer's sequence state desynchronised with the embedded broker now and then
        // (OutOfOrderSequenceException until delivery timed out), failing a whole run.
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false");
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "omnistock-generator");
        if (overrides != null) {
            props.putAll(overrides);
        }
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return props;
    }

    /** Sends one record asynchronously (after waiting for its pace slot). */
    public void send(GeneratedRecord record) {
        rethrowFailure();
        if (limiter != null) {
            limiter.acquire();
        }
        String topic = record.topic();
        producer.send(
                new ProducerRecord<>(topic, null, record.timestamp(), record.key(), record.value()),
                (metadata, error) -> {
                    if (error == null) {
                        counter(acked, topic).increment();
                    } else {
                        failed.incrementAndGet();
                        firstFailure.compareAndSet(null, error);
                    }
                });
        counter(sent, topic).increment();
    }

    /** Sends every remaining record of {@code records}, then flushes. */
    public void sendAll(Iterator<GeneratedRecord> records) {
        while (records.hasNext()) {
            send(records.next());
        }
        flush();
    }

    /** Sends every record of {@code records}, then flushes. */
    public void sendAll(Iterable<GeneratedRecord> records) {
        sendAll(records.iterator());
    }

    /** Waits until every record sent so far is acknowledged or failed. */
    public void flush() {
        producer.flush();
        rethrowFailure();
    }

    /** Records handed to the producer, per topic (a snapshot, sorted by topic). */
    public Map<String, Long> sentByTopic() {
        return snapshot(sent);
    }

    /** Records acknowledged by the brokers, per topic (a snapshot, sorted by topic). */
    public Map<String, Long> ackedByTopic() {
        return snapshot(acked);
    }

    /** Records the producer failed to deliver. */
    public long failed() {
        return failed.get();
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(30));
        rethrowFailure();
    }

    private void rethrowFailure() {
        Exception error = firstFailure.get();
        if (error != null) {
            throw new IllegalStateException(
                    failed.get() + " record(s) could not be published", error);
        }
    }

    private static LongAdder counter(Map<String, LongAdder> counters, String topic) {
        return counters.computeIfAbsent(topic, t -> new LongAdder());
    }

    private static Map<String, Long> snapshot(Map<String, LongAdder> counters) {
        Map<String, Long> result = new TreeMap<>();
        counters.forEach((topic, count) -> result.put(topic, count.sum()));
        return result;
    }
}
