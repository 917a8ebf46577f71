package io.omnistock.serving;

import io.omnistock.avro.Movement;
import io.omnistock.contracts.AvroCodec;
import io.omnistock.contracts.DecodeException;
import io.omnistock.contracts.Topics;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The recent movement journal ({@code inventory.movements}, docs/concepts/movement-journal.md) in
 * memory, within bounds: records written within the last {@link Bounds#window()}, at most {@link
 * Bounds#perPosition()} per position (the newest) and at most {@link Bounds#maxEntries()} in all
 * (the positions written to least recently are dropped first). It has its own consumer thread and
 * its own lock, so reading the journal never waits on, or slows, the availability view.
 */
final class MovementJournal implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MovementJournal.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final String TOPIC = Topics.MOVEMENTS.name();

    /**
     * What is kept.
     *
     * @param window records older than this (by Kafka timestamp) are not read nor answered
     * @param perPosition the newest records kept per position
     * @param maxEntries records kept in all
     */
    record Bounds(Duration window, int perPosition, int maxEntries) {
        static final Bounds DEFAULT = new Bounds(Duration.ofHours(24), 100, 200_000);
    }

    /** One journal record as read: its Avro bytes and where it was. */
    record Entry(byte[] avro, long kafkaTimestamp, int partition, long offset) {}

    /** What {@link #recent} found. */
    record Recent(List<Entry> entries, int held) {}

    private final Bounds bounds;
    private final Properties consumerProperties;
    private final ServingMetrics metrics;
    private final Clock clock;
    private final AvroCodec<Movement> codec = Topics.MOVEMENTS.codec();
    private final DecodeFailures failures = new DecodeFailures();
    private final Object lock = new Object();

    /**
     * Position key to its newest records, oldest first; iteration order: least recently written.
     */
    private final LinkedHashMap<String, ArrayDeque<Entry>> positions = new LinkedHashMap<>();

    private int entries;
    private final AtomicLong read = new AtomicLong();
    private final Thread thread;
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile boolean running = true;
    private volatile String state = "connecting to Kafka";
    private volatile boolean caughtUp;
    private volatile KafkaConsumer<String, byte[]> consumer;

    MovementJournal(
            Properties clientProperties, Bounds bounds, ServingMetrics metrics, Clock clock) {
        this.bounds = bounds;
        this.metrics = metrics;
        this.clock = clock;
        this.consumerProperties = new Properties();
        consumerProperties.putAll(clientProperties);
        consumerProperties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumerProperties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        consumerProperties.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000");
        // the topic is missing while the journal is off: say so, never create it with defaults
        consumerProperties.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        consumerProperties.putIfAbsent(
                ConsumerConfig.CLIENT_ID_CONFIG, "omnistock-serving-movements");
        this.thread = new Thread(this::run, "omnistock-serving-movements");
        thread.setDaemon(true);
        metrics.gauge(
                "omnistock_serving_movement_positions",
                "Positions with movement-journal records held in memory",
                () -> positions());
        metrics.gauge(
                "omnistock_serving_movement_entries",
                "Movement-journal records held in memory",
                () -> entries());
    }

    void start() {
        thread.start();
    }

    Bounds bounds() {
        return bounds;
    }

    /** True once every record that was in the window when reading started has been read. */
    boolean caughtUp() {
        return caughtUp;
    }

    /** What the reader is doing, in words. */
    String state() {
        return state;
    }

    /** Journal records read since the service started (within the window). */
    long recordsRead() {
        return read.get();
    }

    int positions() {
        synchronized (lock) {
            return positions.size();
        }
    }

    int entries() {
        synchronized (lock) {
            return entries;
        }
    }

    /** The newest {@code limit} records of a position within the window, oldest first. */
    Recent recent(String sku, String nodeId, int limit) {
        long oldest = clock.millis() - bounds.window().toMillis();
        List<Entry> held = new ArrayList<>();
        synchronized (lock) {
            ArrayDeque<Entry> q = positions.get(Topics.positionKey(sku, nodeId));
            if (q != null) {
                for (Entry e : q) {
                    if (e.kafkaTimestamp() >= oldest) {
                        held.add(e);
                    }
                }
            }
        }
        return new Recent(
                List.copyOf(held.subList(Math.max(0, held.size() - limit), held.size())),
                held.size());
    }

    private void run() {
        while (running) {
            try (KafkaConsumer<String, byte[]> c =
                    new KafkaConsumer<>(
                            consumerProperties,
                            new StringDeserializer(),
                            new ByteArrayDeserializer())) {
                consumer = c;
                if (!running) {
                    return;
                }
                List<TopicPartition> partitions = TopicPartitions.ifExists(c, TOPIC);
                if (partitions.isEmpty()) {
                    state = "topic " + TOPIC + " does not exist";
                    throw new IllegalStateException("topic " + TOPIC + " does not exist (yet)");
                }
                c.assign(partitions);
                seekToWindow(c, partitions);
                Map<TopicPartition, Long> ends = c.endOffsets(partitions);
                state = "catching up";
                while (running) {
                    for (ConsumerRecord<String, byte[]> r : c.poll(POLL)) {
                        apply(r);
                    }
                    if (!caughtUp && reached(c, ends)) {
                        caughtUp = true;
                        state = "caught up";
                    }
                }
            } catch (WakeupException e) {
                // closing
            } catch (KafkaException | IllegalStateException e) {
                if (running) {
                    if (!state.startsWith("topic ")) {
                        state = "retrying: " + e.getMessage();
                    }
                    LOG.debug("Reading {} failed; retrying", TOPIC, e);
                    try {
                        closed.await(5, TimeUnit.SECONDS); // a back-off
                    } catch (InterruptedException ie) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
        }
    }

    private void seekToWindow(KafkaConsumer<String, byte[]> c, List<TopicPartition> partitions) {
        long from = clock.millis() - bounds.window().toMillis();
        Map<TopicPartition, Long> times = new HashMap<>();
        partitions.forEach(p -> times.put(p, from));
        Map<TopicPartition, OffsetAndTimestamp> offsets = c.offsetsForTimes(times);
        for (TopicPartition p : partitions) {
            OffsetAndTimestamp o = offsets.get(p);
            if (o == null) {
                c.seekToEnd(List.of(p));
            } else {
                c.seek(p, o.offset());
            }
        }
    }

    private static boolean reached(
            KafkaConsumer<String, byte[]> c, Map<TopicPartition, Long> ends) {
        for (Map.Entry<TopicPartition, Long> e : ends.entrySet()) {
            if (c.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    /** Takes one record read from the topic (package-private for the bounds test). */
    void apply(ConsumerRecord<String, byte[]> r) {
        if (r.key() == null || r.value() == null) {
            metrics.undecodable(TOPIC, "MISSING_KEY_OR_VALUE");
            return;
        }
        try {
            codec.decode(r.value());
        } catch (DecodeException e) {
            metrics.undecodable(TOPIC, "UNDECODABLE");
            if (failures.firstFor(TOPIC, r.key(), "UNDECODABLE")) {
                LOG.warn("A movement for {} does not decode; skipped: {}", r.key(), e.getMessage());
            }
            return;
        }
        Entry entry = new Entry(r.value(), r.timestamp(), r.partition(), r.offset());
        synchronized (lock) {
            ArrayDeque<Entry> q = positions.remove(r.key()); // re-put: now the most recent
            if (q == null) {
                q = new ArrayDeque<>();
            }
            positions.put(r.key(), q);
            q.addLast(entry);
            entries++;
            if (q.size() > bounds.perPosition()) {
                q.pollFirst();
                entries--;
            }
            Iterator<ArrayDeque<Entry>> eldest = positions.values().iterator();
            while (entries > bounds.maxEntries() && eldest.hasNext()) {
                ArrayDeque<Entry> victim = eldest.next();
                entries -= victim.size();
                eldest.remove();
            }
        }
        read.incrementAndGet();
        metrics.record(TOPIC, "applied");
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        closed.countDown();
        thread.join(10_000);
    }
}
