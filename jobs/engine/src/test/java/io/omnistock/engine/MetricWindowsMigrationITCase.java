package io.omnistock.engine;

import static io.omnistock.engine.OrderFixtures.awaitFigures;
import static io.omnistock.engine.OrderFixtures.figures;
import static io.omnistock.engine.OrderFixtures.kmNorth;
import static io.omnistock.engine.OrderFixtures.line;
import static io.omnistock.engine.OrderFixtures.node;
import static io.omnistock.engine.OrderFixtures.shipToHome;
import static io.omnistock.engine.OrderFixtures.wms;
import static io.omnistock.engine.ReferenceCheck.DEADLINE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.omnistock.analytics.AnalyticsJob;
import io.omnistock.analytics.AnalyticsPipeline;
import io.omnistock.avro.Availability;
import io.omnistock.avro.CountCheck;
import io.omnistock.avro.DeadLetter;
import io.omnistock.avro.FulfilmentMethod;
import io.omnistock.avro.NodeStatus;
import io.omnistock.avro.NodeType;
import io.omnistock.avro.OperationsMetrics;
import io.omnistock.avro.ReturnDisposition;
import io.omnistock.avro.RoutingDecision;
import io.omnistock.avro.RoutingPreference;
import io.omnistock.avro.WmsEventType;
import io.omnistock.connectors.KafkaOptions;
import io.omnistock.connectors.KafkaOptions.DeliveryMode;
import io.omnistock.contracts.Topics;
import io.omnistock.domain.analytics.MetricRecords;
import io.omnistock.testing.FlinkMiniCluster;
import io.omnistock.testing.KafkaBrokerExtension;
import io.omnistock.testing.KafkaTestClient;
import io.omnistock.testing.KeyedValue;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.ExceptionUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The upgrade that moved the metric windows out of the ledger job: a savepoint of the previous
 * layout (the ledger job with the windows inside, built here as it was: the analytics pipeline's
 * facts and windows on the ledger's own decision, return, count and dead-letter streams, publishing
 * {@code metrics.*} under the same uids) restores into the new ledger job only with unclaimed state
 * allowed ({@code --allowNonRestoredState}); the ledger's positions and reservations then continue
 * from the savepoint (the new job starts at the latest offsets, so only restored state explains its
 * figures, and each key's change counter runs on), and the analytics job, started from the earliest
 * offsets, recomputes the window the dropped state held from the retained topics.
 */
class MetricWindowsMigrationITCase {
    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @RegisterExtension static final MiniClusterExtension FLINK = FlinkMiniCluster.extension();

    private static final double LAT = 51.5;
    private static final double LON = 0.0;
    private static final long MINUTE = 60_000;
    private static final String KEY = Topics.positionKey("SKU-M", "S1");

    @Test
    void aSavepointWithTheWindowsRestoresIntoTheLedgerWithoutThem(@TempDir Path savepoints)
            throws Exception {
        KAFKA.createTopics(Topics.all(), 2);
        String kafka = KAFKA.bootstrapServers();
        long hour =
                Instant.now()
                        .minus(6, ChronoUnit.HOURS)
                        .truncatedTo(ChronoUnit.HOURS)
                        .toEpochMilli();
        long before = hour - 30 * MINUTE;
        Configuration conf =
                RunningLedger.configuration(
                        kafka, DeliveryMode.EXACTLY_ONCE, Duration.ofMillis(500));

        try (KafkaTestClient client = new KafkaTestClient(kafka)) {
            client.send(
                    Topics.NODES,
                    "S1",
                    node(
                            "S1",
                            NodeType.STORE,
                            kmNorth(LAT, 10),
                            LON,
                            0,
                            1.0,
                            NodeStatus.OPEN,
                            before,
                            FulfilmentMethod.SHIP_FROM_STORE),
                    before);
            stock(client, WmsEventType.RECEIPT, "receipt-1", 10, before);
            stock(client, WmsEventType.CYCLE_COUNT, "count-1", 10, hour + MINUTE); // agrees

            String savepoint;
            try (RunningLedger previous =
                    RunningLedger.submit(conf, MetricWindowsMigrationITCase::previousLayout)) {
                // the stock first, so that routing finds it
                awaitFigures(client, Map.of(KEY, figures(10, 0, 10)));
                // 10 min of out-of-orderness after the count: once the count's partition is
                // idle, the order's watermark passes the count and its check settles
                order(client, "m1", hour + 15 * MINUTE);
                awaitFigures(client, Map.of(KEY, figures(10, 2, 8)));
                client.readUntil(Topics.DECISIONS, v -> !v.isEmpty(), DEADLINE);
                client.readUntil(Topics.COUNT_CHECKS, v -> !v.isEmpty(), DEADLINE);
                savepoint =
                        previous.client()
                                .stopWithSavepoint(
                                        false,
                                        savepoints.toUri().toString(),
                                        SavepointFormatType.CANONICAL)
                                .get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
            }
            long versionBefore = latestVersion(client);

            Configuration restored = new Configuration(conf);
            restored.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint);
            // Without the savepoint's offsets and positions the new job would know nothing.
            restored.set(KafkaOptions.STARTING_OFFSETS, KafkaOptions.StartingOffsets.LATEST);

            restored.set(StateRecoveryOptions.SAVEPOINT_IGNORE_UNCLAIMED_STATE, false);
            Throwable refused = catchThrowable(() -> runToTheEnd(restored));
            assertThat(ExceptionUtils.stringifyException(refused))
                    .as("the window operators' state has no operator in the new ledger job")
                    .contains("Cannot map checkpoint/savepoint state for operator")
                    .contains("allowNonRestoredState");

            restored.set(StateRecoveryOptions.SAVEPOINT_IGNORE_UNCLAIMED_STATE, true);
            try (RunningLedger ledger = RunningLedger.submit(restored, EngineJob::build)) {
                stock(client, WmsEventType.RECEIPT, "receipt-2", 3, hour + 10 * MINUTE);
                awaitFigures(client, Map.of(KEY, figures(13, 2, 11)));
                assertThat(latestVersion(client) & 0xFFFF_FFFFL)
                        .as("the position's change counter runs on from the savepoint")
                        .isEqualTo((versionBefore & 0xFFFF_FFFFL) + 1);
                assertThat(latestVersion(client) >>> 32)
                        .as("a restored generation")
                        .isGreaterThan(versionBefore >>> 32);

                // hours later: the decisions' watermark passes the hour
                order(client, "closing", hour + 3 * 60 * MINUTE);
                try (RunningAnalytics analytics = RunningAnalytics.start(kafka)) {
                    String hourKey =
                            MetricRecords.key("1h", "ALL", "ALL", Instant.ofEpochMilli(hour));
                    List<KeyedValue<OperationsMetrics>> metrics =
                            client.readUntil(
                                    Topics.METRICS_OPERATIONS,
                                    v ->
                                            v.stream()
                                                    .anyMatch(
                                                            r ->
                                                                    MetricRecords.key(r)
                                                                            .equals(hourKey)),
                                    DEADLINE);
                    OperationsMetrics recomputed =
                            metrics.stream()
                                    .filter(r -> r.key().equals(hourKey))
                                    .map(KeyedValue::value)
                                    .reduce((a, b) -> b.getRevision() > a.getRevision() ? b : a)
                                    .orElseThrow();
                    assertThat(recomputed.getDecisions())
                            .as("the order decided before the upgrade")
                            .isEqualTo(1);
                    assertThat(recomputed.getCountsCompared()).isEqualTo(1);
                    assertThat(recomputed.getCountsMatched()).isEqualTo(1);
                }
            }
        }
    }

    /**
     * The ledger job as it was before the windows moved: the new ledger job, and the analytics
     * pipeline's facts and windows applied to the ledger's own streams.
     */
    private static void previousLayout(StreamExecutionEnvironment env, Configuration conf) {
        EngineSinks real = EngineJob.kafkaSinks(conf);
        AtomicReference<DataStream<RoutingDecision>> decisions = new AtomicReference<>();
        AtomicReference<DataStream<ReturnDisposition>> returns = new AtomicReference<>();
        AtomicReference<DataStream<CountCheck>> counts = new AtomicReference<>();
        AtomicReference<DataStream<DeadLetter>> deadLetters = new AtomicReference<>();
        EnginePipeline.build(
                env,
                EngineJob.kafkaSource(conf),
                real.toBuilder()
                        .decisions(tap(real.decisions(), decisions))
                        .countChecks(tap(real.countChecks(), counts))
                        .deadLetters(tap(real.deadLetters(), deadLetters))
                        .returns(tap(real.returns(), returns))
                        .build(),
                conf);
        AnalyticsPipeline.metrics(
                decisions.get(),
                returns.get(),
                counts.get(),
                deadLetters.get(),
                AnalyticsJob.kafkaSinks(conf),
                conf);
    }

    /** A sink applier that also hands its stream to {@code stream}. */
    private static <T> EngineSinks.SinkApplier<T> tap(
            EngineSinks.SinkApplier<T> sink, AtomicReference<DataStream<T>> stream) {
        return s -> {
            stream.set(s);
            sink.apply(s);
        };
    }

    /** Runs the new ledger job from {@code conf}'s savepoint; returns only if it ended. */
    private static void runToTheEnd(Configuration conf) throws Exception {
        try (RunningLedger ledger = RunningLedger.submit(conf, EngineJob::build)) {
            ledger.client().getJobExecutionResult().get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
        }
    }

    private static long latestVersion(KafkaTestClient client) {
        Availability latest = OrderFixtures.latestAvailability(client).get(KEY);
        assertThat(latest).as(KEY).isNotNull();
        return latest.getVersion();
    }

    private static void stock(
            KafkaTestClient client, WmsEventType type, String id, int units, long time) {
        client.send(Topics.WMS, "SKU-M", wms(type, id, time, "SKU-M", "S1", units), time);
    }

    private static void order(KafkaTestClient client, String orderId, long time) {
        client.send(
                Topics.ORDER_REQUESTS,
                orderId,
                shipToHome(orderId, time, RoutingPreference.BALANCED, LAT, LON, line("SKU-M", 2))
                        .build(),
                time);
    }
}
