package io.omnistock.serving;

import io.omnistock.avro.Availability;
import io.omnistock.avro.GroupAvailability;
import io.omnistock.avro.NetworkAvailability;
import io.omnistock.contracts.AvroCodec;
import io.omnistock.contracts.DecodeException;
import io.omnistock.contracts.Topics;
import io.omnistock.contracts.WriterSchemas;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@code inventory.availability}, {@code inventory.availability.network} and {@code
 * inventory.availability.groups} into the {@link AvailabilityView}: one {@code read_committed}
 * consumer assigned to every partition of the three, from the beginning, on a thread of its own. A
 * record that does not decode is counted and skipped (logged once per key and reason). When Kafka
 * fails it starts over after a pause (the view keeps what it has; the highest-version rule makes
 * re-reading harmless).
 */
public final class AvailabilityMaterializer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AvailabilityMaterializer.class);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration RETRY_PAUSE = Duration.ofSeconds(2);

    private final Properties consumerProperties;
    private final AvailabilityView view;
    private final ServingMetrics metrics;
    private final DecodeFailures failures = new DecodeFailures();
    private final AvroCodec<Availability> positionCodec = Topics.AVAILABILITY.codec();
    private final AvroCodec<NetworkAvailability> networkCodec = Topics.NETWORK_AVAILABILITY.codec();
    private final AvroCodec<GroupAvailability> groupCodec = Topics.GROUP_AVAILABILITY.codec();
    private final Thread thread;

    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile boolean running = true;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile CatchUp<TopicPartition> catchUp;
    private volatile String state = "connecting to Kafka";
    private volatile long liveLag;
    private volatile Consumer<Availability> positionListener = a -> {};

    /** {@code clientProperties}: bootstrap servers and security; the rest is set here. */
    public AvailabilityMaterializer(
            Properties clientProperties, AvailabilityView view, ServingMetrics metrics) {
        this.consumerProperties = new Properties();
        consumerProperties.putAll(clientProperties);
        consumerProperties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumerProperties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        consumerProperties.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000");
        consumerProperties.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "omnistock-serving");
        this.view = view;
        this.metrics = metrics;
        this.thread = new Thread(this::run, "omnistock-serving-materializer");
        thread.setDaemon(true);
        metrics.gauge(
                "omnistock_serving_keys", "Positions (sku|node) held", () -> view.positionKeys());
        metrics.gauge(
                "omnistock_serving_network_keys",
                "SKUs with network totals held",
                () -> view.networkKeys());
        metrics.gauge(
                "omnistock_serving_group_keys",
                "Group records (sku|group) held",
                () -> view.groupKeys());
        metrics.gauge(
                "omnistock_serving_catchup_remaining_records",
                "Offsets still to read to reach the end offsets the topics had at start",
                () -> catchUp == null ? Double.NaN : catchUp.remaining());
        metrics.gauge(
                "omnistock_serving_caught_up",
                "1 once the end offsets of the start have been reached, else 0",
                () -> caughtUp() ? 1 : 0);
        metrics.gauge(
                "omnistock_serving_consumer_lag_records",
                "Records behind the end of the availability topics, as of the last poll",
                () -> liveLag);
    }

    public void start() {
        thread.start();
    }

    /**
     * Calls {@code listener} on the reader's thread with each position record right after it became
     * visible to lookups (for measurements; it must be quick).
     */
    public void onPositionApplied(Consumer<Availability> listener) {
        this.positionListener = listener;
    }

    public boolean caughtUp() {
        CatchUp<TopicPartition> c = catchUp;
        return c != null && c.caughtUp();
    }

    /** Offsets still to read before ready; -1 before the end offsets are known. */
    public long remaining() {
        CatchUp<TopicPartition> c = catchUp;
        return c == null ? -1 : c.remaining();
    }

    /** Offsets to read at start; -1 before they are known. */
    public long total() {
        CatchUp<TopicPartition> c = catchUp;
        return c == null ? -1 : c.total();
    }

    /** What the reader is doing, for {@code /ready}. */
    public String state() {
        return state;
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
                List<TopicPartition> partitions = new ArrayList<>();
                partitions.addAll(TopicPartitions.of(c, Topics.AVAILABILITY.name()));
                partitions.addAll(TopicPartitions.of(c, Topics.NETWORK_AVAILABILITY.name()));
                partitions.addAll(groupPartitions(c));
                c.assign(partitions);
                c.seekToBeginning(partitions);
                if (catchUp == null) {
                    catchUp = new CatchUp<>(c.endOffsets(partitions));
                }
                state = caughtUp() ? "live" : "catching up";
                while (running) {
                    for (ConsumerRecord<String, byte[]> r : c.poll(POLL)) {
                        apply(r);
                    }
                    track(c, partitions);
                }
            } catch (WakeupException e) {
                // closing
            } catch (KafkaException | IllegalStateException e) {
                if (running) {
                    state = "Kafka unavailable, retrying: " + e.getMessage();
                    LOG.warn(
                            "Reading the availability topics failed; retrying in {}",
                            RETRY_PAUSE,
                            e);
                    pause();
                }
            }
        }
    }

    private void track(KafkaConsumer<String, byte[]> c, List<TopicPartition> partitions) {
        CatchUp<TopicPartition> progress = catchUp;
        long lag = 0;
        for (TopicPartition p : partitions) {
            if (!progress.caughtUp()) {
                progress.positionAt(p, c.position(p));
            }
            lag += c.currentLag(p).orElse(0);
        }
        liveLag = lag;
        if (progress.caughtUp() && !"live".equals(state)) {
            state = "live";
            LOG.info(
                    "Caught up: {} positions and {} network totals held",
                    view.positionKeys(),
                    view.networkKeys());
        }
    }

    /** Applies one record; never throws for a bad record. */
    void apply(ConsumerRecord<String, byte[]> r) {
        boolean network = r.topic().equals(Topics.NETWORK_AVAILABILITY.name());
        boolean group = r.topic().equals(Topics.GROUP_AVAILABILITY.name());
        if (r.value() == null && group) {
            metrics.record(r.topic(), "tombstone");
            int bar = r.key() == null ? -1 : r.key().indexOf('|');
            if (bar > 0) {
                view.removeGroup(r.key().substring(0, bar), r.key().substring(bar + 1));
            }
            return;
        }
        if (r.value() == null) {
            tombstone(r.topic(), r.key(), network);
            return;
        }
        Header h = r.headers().lastHeader(WriterSchemas.HEADER);
        String schemaHeader = h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
        try {
            if (group) {
                GroupAvailability g = groupCodec.decode(r.value(), schemaHeader);
                StoredRecord s =
                        new StoredRecord(
                                g.getVersion(),
                                g.getEventTime().toEpochMilli(),
                                r.timestamp(),
                                schemaHeader == null ? r.value() : groupCodec.encode(g));
                metrics.record(
                        r.topic(), outcome(view.applyGroup(g.getSku(), g.getNodeGroup(), s)));
            } else if (network) {
                NetworkAvailability n = networkCodec.decode(r.value(), schemaHeader);
                StoredRecord s =
                        new StoredRecord(
                                n.getVersion(),
                                n.getEventTime().toEpochMilli(),
                                r.timestamp(),
                                schemaHeader == null ? r.value() : networkCodec.encode(n));
                metrics.record(r.topic(), outcome(view.applyNetwork(n.getSku(), s)));
            } else {
                Availability a = positionCodec.decode(r.value(), schemaHeader);
                StoredRecord s =
                        new StoredRecord(
                                a.getVersion(),
                                a.getEventTime().toEpochMilli(),
                                r.timestamp(),
                                schemaHeader == null ? r.value() : positionCodec.encode(a));
                AvailabilityView.Outcome o = view.applyPosition(a.getSku(), a.getNodeId(), s);
                metrics.record(r.topic(), outcome(o));
                if (o == AvailabilityView.Outcome.APPLIED) {
                    positionListener.accept(a);
                }
            }
        } catch (DecodeException e) {
            String reason = e.reason().name();
            metrics.undecodable(r.topic(), reason);
            if (failures.firstFor(r.topic(), String.valueOf(r.key()), reason)) {
                LOG.warn(
                        "Skipping a record of {} that does not decode (key {}, partition {},"
                                + " offset {}): {}; further {} failures of this key are counted,"
                                + " not logged",
                        r.topic(),
                        r.key(),
                        r.partition(),
                        r.offset(),
                        e.getMessage(),
                        reason);
            }
        }
    }

    private void tombstone(String topic, String key, boolean network) {
        metrics.record(topic, "tombstone");
        if (key == null) {
            return;
        }
        if (network) {
            view.removeNetwork(key);
            return;
        }
        int bar = key.indexOf('|');
        if (bar > 0) {
            view.removePosition(key.substring(0, bar), key.substring(bar + 1));
        }
    }

    private static String outcome(AvailabilityView.Outcome o) {
        return o == AvailabilityView.Outcome.APPLIED ? "applied" : "stale";
    }

    /**
     * The group topic's partitions, or none while the topic does not exist (a cluster whose engine
     * predates group availability): the service then answers positions and network totals, and
     * reads group records after a restart once the topic exists.
     */
    private static List<TopicPartition> groupPartitions(KafkaConsumer<?, ?> c) {
        String topic = Topics.GROUP_AVAILABILITY.name();
        List<TopicPartition> partitions = TopicPartitions.ifExists(c, topic);
        if (partitions.isEmpty()) {
            LOG.warn("Topic {} does not exist: group availability is not served", topic);
        }
        return partitions;
    }

    private void pause() {
        try {
            TimeUnit.MILLISECONDS.sleep(
                    RETRY_PAUSE.toMillis()); // a back-off, not a synchronisation
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
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
