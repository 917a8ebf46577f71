package io.omnistock.bench.e2e;

import io.omnistock.contracts.AvroCodec;
import io.omnistock.contracts.TopicSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * A consumer of one output topic, as a downstream service would read it, on a thread of its own:
 * each record is matched by {@link #matchKey} to the input that caused it, and the time from that
 * input's scheduled send to the {@code poll} that returned the record is one latency sample. Only
 * the first record naming an input counts. Starts at the end of the topic.
 */
abstract class LatencyWatcher<V extends SpecificRecord> implements AutoCloseable {
    private record Expected(long sentNanos, LatencySamples samples) {}

    private final Map<String, Expected> expected = new ConcurrentHashMap<>();
    private final TopicSpec<V> topic;
    private final KafkaConsumer<String, byte[]> consumer;
    private final Thread thread;
    private final AtomicLong read = new AtomicLong();
    private volatile boolean running = true;
    private volatile Exception failure;

    /**
     * @param readCommitted {@code isolation.level=read_committed} (exactly-once output) or {@code
     *     read_uncommitted}
     */
    LatencyWatcher(String bootstrapServers, TopicSpec<V> topic, boolean readCommitted) {
        this.topic = topic;
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                readCommitted ? "read_committed" : "read_uncommitted");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "bench-watcher-" + topic.name());
        consumer = new KafkaConsumer<>(props);
        List<TopicPartition> partitions =
                consumer.partitionsFor(topic.name()).stream()
                        .map(p -> new TopicPartition(p.topic(), p.partition()))
                        .toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // resolve the end now, before anything is sent
        thread = new Thread(this::run, "bench-watcher-" + topic.name());
        thread.setDaemon(true);
        thread.start();
    }

    /** The id of the input a record answers, or null when it answers none. */
    abstract String matchKey(V record);

    /** Called for every record read, on the watcher's thread. */
    void onRecord(V record) {}

    /**
     * Registers an input before it is sent. {@code samples} receives its latency; null for a
     * warm-up input, which is matched but not measured.
     */
    void expect(String inputId, long sentNanos, LatencySamples samples) {
        expected.put(inputId, new Expected(sentNanos, samples));
    }

    /** Waits until it has read at least {@code count} records since it started. */
    void awaitRecords(long count, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (read.get() < count) {
            rethrowFailure();
            if (System.nanoTime() > deadline) {
                throw new TimeoutException(
                        String.format(
                                "read %,d of %,d %s records in %s",
                                read.get(), count, topic.name(), timeout));
            }
            Thread.sleep(20);
        }
        rethrowFailure();
    }

    private void run() {
        AvroCodec<V> codec = topic.codec();
        try {
            while (running) {
                var records = consumer.poll(Duration.ofMillis(100));
                long now = System.nanoTime();
                for (ConsumerRecord<String, byte[]> r : records) {
                    V value = codec.decode(r.value());
                    String key = matchKey(value);
                    Expected e = key == null ? null : expected.remove(key);
                    if (e != null && e.samples() != null) {
                        e.samples().add(now - e.sentNanos());
                    }
                    onRecord(value);
                    read.incrementAndGet();
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (Exception e) {
            failure = e;
        } finally {
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
        }
    }

    private void rethrowFailure() throws Exception {
        if (failure != null) {
            throw new IllegalStateException("the " + topic.name() + " watcher failed", failure);
        }
    }

    @Override
    public void close() throws Exception {
        running = false;
        consumer.wakeup();
        thread.join(10_000);
        rethrowFailure();
    }
}
