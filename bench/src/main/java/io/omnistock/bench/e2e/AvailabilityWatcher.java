package io.omnistock.bench.e2e;

import io.omnistock.avro.Availability;
import io.omnistock.connectors.AvroCodec;
import io.omnistock.connectors.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * A consumer of {@code inventory.availability}, as a web shop would read it, on a thread of its
 * own: each record is matched by its {@code lastEventId} to the event that caused it, and the time
 * from that event's scheduled send to the {@code poll} that returned the record is one latency
 * sample. Only the first record naming an event counts; events that change no published figure (a
 * count equal to the ledger, say) name none and give no sample. Starts at the end of the topic.
 */
final class AvailabilityWatcher implements AutoCloseable {
    private record Expected(long sentNanos, LatencySamples samples) {}

    private final Map<String, Expected> expected = new ConcurrentHashMap<>();
    private final KafkaConsumer<String, byte[]> consumer;
    private final Thread thread;
    private volatile boolean running = true;
    private final AtomicLong read = new AtomicLong();
    private volatile Exception failure;

    /**
     * @param readCommitted {@code isolation.level=read_committed} (exactly-once output) or {@code
     *     read_uncommitted}
     */
    AvailabilityWatcher(String bootstrapServers, boolean readCommitted) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                readCommitted ? "read_committed" : "read_uncommitted");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "bench-e2e-availability");
        consumer = new KafkaConsumer<>(props);
        List<TopicPartition> partitions =
                consumer.partitionsFor(Topics.AVAILABILITY.name()).stream()
                        .map(p -> new TopicPartition(p.topic(), p.partition()))
                        .toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // resolve the end now, before any event is sent
        thread = new Thread(this::run, "e2e-availability-watcher");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Registers an event before it is sent. {@code samples} receives its latency; null for a
     * warm-up event, which is matched but not measured.
     */
    void expect(String eventId, long sentNanos, LatencySamples samples) {
        expected.put(eventId, new Expected(sentNanos, samples));
    }

    /** Waits until it has read at least {@code count} availability records since it started. */
    void awaitRecords(long count, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (read.get() < count) {
            rethrowFailure();
            if (System.nanoTime() > deadline) {
                throw new TimeoutException(
                        String.format(
                                "read %,d of %,d availability records in %s",
                                read.get(), count, timeout));
            }
            Thread.sleep(20);
        }
        rethrowFailure();
    }

    private void run() {
        AvroCodec<Availability> codec = Topics.AVAILABILITY.codec();
        try {
            while (running) {
                ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(100));
                long now = System.nanoTime();
                for (ConsumerRecord<String, byte[]> r : records) {
                    Expected e = expected.remove(codec.decode(r.value()).getLastEventId());
                    if (e != null && e.samples() != null) {
                        e.samples().add(now - e.sentNanos());
                    }
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
            throw new IllegalStateException("the availability watcher failed", failure);
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
