package io.omnistock.demo;

import io.omnistock.avro.AlertType;
import io.omnistock.avro.Availability;
import io.omnistock.avro.DeadLetter;
import io.omnistock.avro.DeadLetterReason;
import io.omnistock.avro.InventoryAlert;
import io.omnistock.avro.OperationsMetrics;
import io.omnistock.avro.QuoteResponse;
import io.omnistock.avro.ReturnDisposition;
import io.omnistock.avro.RoutingDecision;
import io.omnistock.avro.SustainabilityMetrics;
import io.omnistock.contracts.AvroCodec;
import io.omnistock.contracts.DecodeException;
import io.omnistock.contracts.TopicSpec;
import io.omnistock.contracts.Topics;
import io.omnistock.demo.report.MetricsSeries;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads the ledger's output topics as a downstream consumer would ({@code read_committed}) and
 * keeps counts for the progress display: records per topic, dead letters and alerts by kind,
 * distinct availability keys, the latest availability record, the routing decisions', the return
 * dispositions' and the quote responses' figures and the hourly metric windows (the highest
 * revision of each). Each decision read takes its order off the {@link PendingOrders}.
 */
final class OutputWatcher implements Runnable, AutoCloseable {
    private final KafkaConsumer<String, byte[]> consumer;
    private final Map<String, AtomicLong> recordsPerTopic = new ConcurrentHashMap<>();
    private final Map<DeadLetterReason, Long> deadLettersByReason =
            new EnumMap<>(DeadLetterReason.class);
    private final Map<AlertType, Long> alertsByType = new EnumMap<>(AlertType.class);
    private final AvroCodec<InventoryAlert> alerts = Topics.ALERTS.codec();
    private final Set<String> availabilityKeys = ConcurrentHashMap.newKeySet();
    private final AtomicReference<byte[]> latest = new AtomicReference<>();
    private final AvroCodec<DeadLetter> deadLetters = Topics.DEADLETTER.codec();
    private final AtomicLong deadLettersFromAnalytics = new AtomicLong();
    private static final Set<String> ANALYTICS_INPUTS =
            Topics.ANALYTICS_INPUTS.stream().map(TopicSpec::name).collect(Collectors.toSet());
    private final AvroCodec<RoutingDecision> decisions = Topics.DECISIONS.codec();
    private final AvroCodec<SustainabilityMetrics> sustainability =
            Topics.METRICS_SUSTAINABILITY.codec();
    private final AvroCodec<OperationsMetrics> operations = Topics.METRICS_OPERATIONS.codec();
    private final AvroCodec<ReturnDisposition> dispositions = Topics.RETURN_DISPOSITIONS.codec();
    private final RoutingTally routing = new RoutingTally();
    private final ReturnsTally returns = new ReturnsTally();
    private final QuoteTally quotes = new QuoteTally();
    private final AvroCodec<QuoteResponse> quoteResponses = Topics.QUOTE_RESPONSES.codec();
    private final MetricsSeries metrics = MetricsSeries.of(MetricsSeries.HOUR);
    private final PendingOrders pendingOrders;
    private final Thread thread = new Thread(this, "output-watcher");
    private final Map<TopicPartition, Long> positions = new ConcurrentHashMap<>();

    /**
     * @param bootstrapServers the broker
     * @param pendingOrders the orders offered, which each decision read takes off
     */
    OutputWatcher(String bootstrapServers, PendingOrders pendingOrders) {
        this.pendingOrders = pendingOrders;
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "omnistock-demo-watcher");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(
                List.of(
                        Topics.AVAILABILITY.name(),
                        Topics.NETWORK_AVAILABILITY.name(),
                        Topics.ALERTS.name(),
                        Topics.DISCREPANCIES.name(),
                        Topics.DECISIONS.name(),
                        Topics.RETURN_DISPOSITIONS.name(),
                        Topics.QUOTE_RESPONSES.name(),
                        Topics.METRICS_SUSTAINABILITY.name(),
                        Topics.METRICS_OPERATIONS.name(),
                        Topics.METRICS_RECONCILIATION.name(),
                        Topics.DEADLETTER.name()));
    }

    void start() {
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void run() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                for (ConsumerRecord<String, byte[]> record :
                        consumer.poll(Duration.ofMillis(500))) {
                    count(record);
                }
                for (TopicPartition tp : consumer.assignment()) {
                    positions.put(tp, consumer.position(tp));
                }
            }
        } catch (WakeupException closing) {
            // close() was called
        } finally {
            consumer.close();
        }
    }

    private void count(ConsumerRecord<String, byte[]> record) {
        recordsPerTopic.computeIfAbsent(record.topic(), t -> new AtomicLong()).incrementAndGet();
        try {
            if (record.topic().equals(Topics.AVAILABILITY.name())) {
                availabilityKeys.add(record.key());
                latest.set(record.value()); // decoded only when shown
            } else if (record.topic().equals(Topics.DEADLETTER.name())) {
                DeadLetter deadLetter = deadLetters.decode(record.value());
                synchronized (deadLettersByReason) {
                    deadLettersByReason.merge(deadLetter.getReason(), 1L, Long::sum);
                }
                if (ANALYTICS_INPUTS.contains(deadLetter.getSourceTopic())) {
                    deadLettersFromAnalytics.incrementAndGet();
                }
            } else if (record.topic().equals(Topics.ALERTS.name())) {
                AlertType type = alerts.decode(record.value()).getType();
                synchronized (alertsByType) {
                    alertsByType.merge(type, 1L, Long::sum);
                }
            } else if (record.topic().equals(Topics.DECISIONS.name())) {
                RoutingDecision decision = decisions.decode(record.value());
                routing.record(decision);
                pendingOrders.decided(decision.getOrderId());
            } else if (record.topic().equals(Topics.RETURN_DISPOSITIONS.name())) {
                returns.record(dispositions.decode(record.value()));
            } else if (record.topic().equals(Topics.QUOTE_RESPONSES.name())) {
                quotes.record(quoteResponses.decode(record.value()));
            } else if (record.topic().equals(Topics.METRICS_SUSTAINABILITY.name())) {
                metrics.add(sustainability.decode(record.value()));
            } else if (record.topic().equals(Topics.METRICS_OPERATIONS.name())) {
                metrics.add(operations.decode(record.value()));
            }
        } catch (DecodeException e) {
            throw new IllegalStateException(
                    "the ledger wrote a record its own schema cannot read", e);
        }
    }

    long records(String topic) {
        AtomicLong count = recordsPerTopic.get(topic);
        return count == null ? 0 : count.get();
    }

    long distinctAvailabilityKeys() {
        return availabilityKeys.size();
    }

    /** The last availability record read, or null before the first. */
    synchronized Availability latestAvailability() throws DecodeException {
        byte[] bytes = latest.get();
        return bytes == null ? null : Topics.AVAILABILITY.codec().decode(bytes);
    }

    /** The routing decisions read so far. */
    RoutingTally.Snapshot routing() {
        return routing.snapshot();
    }

    /** The return dispositions read so far. */
    ReturnsTally returns() {
        return returns;
    }

    /** The quote responses read so far. */
    QuoteTally quotes() {
        return quotes;
    }

    /** The hourly metric windows read so far (only 1h windows are kept). */
    MetricsSeries metrics() {
        return metrics;
    }

    /** Alerts read so far by type (PROJECTED_STOCKOUT, OUT_OF_STOCK, LOW, ...). */
    Map<AlertType, Long> alertsByType() {
        synchronized (alertsByType) {
            return new EnumMap<>(alertsByType);
        }
    }

    long alerts(AlertType type) {
        synchronized (alertsByType) {
            return alertsByType.getOrDefault(type, 0L);
        }
    }

    /**
     * Dead letters the analytics job wrote (their source is one of its input topics, which the
     * engine job never reads); the rest of the topic's records are the engine job's.
     */
    long deadLettersFromAnalytics() {
        return deadLettersFromAnalytics.get();
    }

    Map<DeadLetterReason, Long> deadLettersByReason() {
        synchronized (deadLettersByReason) {
            return new EnumMap<>(deadLettersByReason);
        }
    }

    /** Whether the watcher has read each partition up to its offset in {@code ends}. */
    boolean hasRead(Map<TopicPartition, Long> ends) {
        return ends.entrySet().stream()
                .allMatch(
                        e ->
                                e.getValue() == 0
                                        || positions.getOrDefault(e.getKey(), 0L) >= e.getValue());
    }

    @Override
    public void close() throws InterruptedException {
        consumer.wakeup();
        thread.join(5_000);
    }
}
