package io.omnistock.engine;

import static io.omnistock.engine.OrderFixtures.awaitFigures;
import static io.omnistock.engine.OrderFixtures.decisionsByOrder;
import static io.omnistock.engine.OrderFixtures.figures;
import static io.omnistock.engine.OrderFixtures.kmNorth;
import static io.omnistock.engine.OrderFixtures.lifecycle;
import static io.omnistock.engine.OrderFixtures.line;
import static io.omnistock.engine.OrderFixtures.node;
import static io.omnistock.engine.OrderFixtures.shipToHome;
import static io.omnistock.engine.OrderFixtures.wms;
import static io.omnistock.engine.ReferenceCheck.DEADLINE;
import static io.omnistock.engine.ReferenceCheck.assertMatchesReference;
import static io.omnistock.engine.ReferenceCheck.publish;
import static io.omnistock.engine.RunningLedger.counter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.omnistock.avro.Availability;
import io.omnistock.avro.DeadLetter;
import io.omnistock.avro.DecisionStatus;
import io.omnistock.avro.FulfilmentMethod;
import io.omnistock.avro.LifecycleType;
import io.omnistock.avro.NodeRecord;
import io.omnistock.avro.NodeStatus;
import io.omnistock.avro.NodeType;
import io.omnistock.avro.RoutingDecision;
import io.omnistock.avro.RoutingPreference;
import io.omnistock.avro.WmsEventType;
import io.omnistock.connectors.KafkaOptions;
import io.omnistock.connectors.KafkaOptions.DeliveryMode;
import io.omnistock.contracts.Topics;
import io.omnistock.engine.functions.LedgerMetrics;
import io.omnistock.generator.GeneratedRecord;
import io.omnistock.generator.GeneratedRun;
import io.omnistock.generator.NetworkConfig;
import io.omnistock.generator.RetailEventGenerator;
import io.omnistock.testing.Await;
import io.omnistock.testing.FlinkMiniCluster;
import io.omnistock.testing.KafkaBrokerExtension;
import io.omnistock.testing.KafkaTestClient;
import io.omnistock.testing.KeyedValue;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.ExceptionUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * An upgrade through a savepoint, exactly-once: the ledger job runs over the first half of a
 * generated network and two routed orders, stops with a savepoint, and a changed job version (one
 * operator added on the availability stream, its own uid) resumes from it and reads the rest. The
 * state carried over when:
 *
 * <ul>
 *   <li>the published availability equals the reference ledger of the whole run, though the new
 *       version starts at the latest offsets (only the savepoint's offsets and positions lead
 *       there);
 *   <li>every availability key's change counter (low 32 bits of its version) runs 1, 2, 3... across
 *       the upgrade, no change lost, repeated or restarted at 1, and the restored generation (high
 *       bits) moves on;
 *   <li>orders reserved before the upgrade are held after it: a cancel releases exactly its 2 units
 *       and a shipment takes exactly its 2 units off on-hand; no order is decided twice.
 * </ul>
 *
 * The added operator runs: every availability record published after the upgrade went through it.
 *
 * <p>And a version that drops the stateful operators is refused while unclaimed state is not
 * allowed. The savepoint is CANONICAL: the format Flink guarantees across graph changes, Flink
 * versions and state backends (a NATIVE RocksDB savepoint is faster for large state but does not
 * survive a backend change); this state is small.
 */
class SavepointUpgradeITCase {
    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @RegisterExtension static final MiniClusterExtension FLINK = FlinkMiniCluster.extension();

    /** The test's own node and SKUs: no generated key starts with it. */
    private static final String OWN = "UPGRADE-";

    private static final String STORE = OWN + "S1";
    private static final String SKU_CANCEL = OWN + "SKU-CANCEL";
    private static final String SKU_SHIP = OWN + "SKU-SHIP";
    private static final String CANCEL_KEY = Topics.positionKey(SKU_CANCEL, STORE);
    private static final String SHIP_KEY = Topics.positionKey(SKU_SHIP, STORE);
    private static final double LAT = 51.5;
    private static final double LON = 0.0;

    /** The operator the new version adds, and its count of availability records. */
    static final String ADDED_UID = "upgrade-pass-through";

    static final String PASSED_THROUGH = "availability-passed-through";

    @Test
    void aChangedJobResumesFromASavepointWithItsStateIntact(@TempDir Path savepoints)
            throws Exception {
        KAFKA.createTopics(Topics.all(), 2);
        NetworkConfig network = NetworkConfig.small().withSeed(23);
        GeneratedRun run = RetailEventGenerator.generate(network);
        List<GeneratedRecord> records = ReferenceCheck.withoutTooLate(run);
        int half = records.size() / 2;
        String kafka = KAFKA.bootstrapServers();
        long start = network.start().toEpochMilli();
        long nodeTime = start + Duration.ofHours(1).toMillis();
        long orderTime = start + Duration.ofHours(2).toMillis();
        long settleTime = network.endMillis();

        Configuration conf =
                RunningLedger.configuration(
                        kafka, DeliveryMode.EXACTLY_ONCE, Duration.ofMillis(500));
        try (KafkaTestClient client = new KafkaTestClient(kafka)) {
            long generated =
                    publish(kafka, run.nodeRecords()) + publish(kafka, records.subList(0, half));
            NodeRecord store =
                    node(
                            STORE,
                            NodeType.STORE,
                            kmNorth(LAT, 10),
                            LON,
                            0,
                            3.0,
                            NodeStatus.OPEN,
                            nodeTime,
                            FulfilmentMethod.SHIP_FROM_STORE);
            client.send(Topics.NODES, STORE, store, nodeTime);
            for (String sku : List.of(SKU_CANCEL, SKU_SHIP)) {
                client.send(
                        Topics.WMS,
                        sku,
                        wms(WmsEventType.RECEIPT, "receipt-" + sku, nodeTime, sku, STORE, 5),
                        nodeTime);
            }
            long firstPart = generated + 5; // the node, two receipts, two orders

            String savepoint;
            try (RunningLedger before = RunningLedger.submit(conf, EngineJob::build)) {
                // the stock first, so that routing finds it
                awaitFigures(
                        client,
                        Map.of(
                                CANCEL_KEY, figures(5, 0, 5),
                                SHIP_KEY, figures(5, 0, 5)));
                order(client, "upgrade-cancel", orderTime, SKU_CANCEL);
                order(client, "upgrade-ship", orderTime, SKU_SHIP);
                awaitFigures(
                        client,
                        Map.of(
                                CANCEL_KEY, figures(5, 2, 3),
                                SHIP_KEY, figures(5, 2, 3)));
                long in =
                        counter(
                                before.awaitCounters(
                                        "the first half in and resolved",
                                        c -> allResolved(c, firstPart),
                                        DEADLINE),
                                LedgerMetrics.RECORDS_IN);
                savepoint =
                        before.client()
                                .stopWithSavepoint(
                                        false,
                                        savepoints.toUri().toString(),
                                        SavepointFormatType.CANONICAL)
                                .get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
                System.out.printf(
                        "%d records in before the upgrade; savepoint %s%n", in, savepoint);
            }
            Map<String, List<Long>> versionsBefore = versionsByKey(client);

            Configuration resumed = new Configuration(conf);
            resumed.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint);
            resumed.set(StateRecoveryOptions.SAVEPOINT_IGNORE_UNCLAIMED_STATE, false);
            // Without the savepoint's offsets the new version would miss the first half.
            resumed.set(KafkaOptions.STARTING_OFFSETS, KafkaOptions.StartingOffsets.LATEST);

            Throwable refused = catchThrowable(() -> runToTheEnd(resumed));
            assertThat(refused).as("a version without the ledger's operators").isNotNull();
            assertThat(ExceptionUtils.stringifyException(refused))
                    .contains("Cannot map checkpoint/savepoint state for operator")
                    .contains("allowNonRestoredState");

            try (RunningLedger after =
                    RunningLedger.submit(resumed, SavepointUpgradeITCase::buildWithAddedOperator)) {
                publish(kafka, records.subList(half, records.size()));
                client.send(
                        Topics.ORDER_LIFECYCLE,
                        "upgrade-cancel",
                        lifecycle(
                                "upgrade-cancelled",
                                settleTime,
                                "upgrade-cancel",
                                LifecycleType.CANCELLED),
                        settleTime);
                client.send(
                        Topics.ORDER_LIFECYCLE,
                        "upgrade-ship",
                        lifecycle(
                                "upgrade-shipped",
                                settleTime,
                                "upgrade-ship",
                                LifecycleType.SHIPPED),
                        settleTime);

                assertMatchesReference(client, run, key -> key.startsWith(OWN));
                awaitFigures(
                        client,
                        Map.of(
                                CANCEL_KEY, figures(5, 0, 5), // released: exactly its 2 units
                                SHIP_KEY, figures(3, 0, 3))); // shipped: on-hand down by its 2

                long publishedBefore = records(versionsBefore);
                Map<String, List<Long>> versions =
                        Await.until(
                                "the added operator passed every availability record published"
                                        + " after the upgrade",
                                () -> {
                                    long passed =
                                            counter(
                                                    after.client().getAccumulators().get(),
                                                    PASSED_THROUGH);
                                    Map<String, List<Long>> now = versionsByKey(client);
                                    return passed == records(now) - publishedBefore ? now : null;
                                },
                                Objects::nonNull,
                                DEADLINE);
                assertChangesContinue(versionsBefore, versions);
                long publishedAfter = records(versions) - publishedBefore;
                assertThat(publishedAfter).isPositive();

                Map<String, List<RoutingDecision>> decisions =
                        decisionsByOrder(client.readAll(Topics.DECISIONS, Duration.ofSeconds(1)));
                for (String order : List.of("upgrade-cancel", "upgrade-ship")) {
                    assertThat(decisions.get(order))
                            .as("decisions of %s", order)
                            .singleElement()
                            .satisfies(
                                    d ->
                                            assertThat(d.getStatus())
                                                    .isEqualTo(DecisionStatus.ROUTED));
                }
                assertThat(client.readAll(Topics.DEADLETTER, Duration.ofMillis(500)))
                        .extracting(KeyedValue::value)
                        .extracting(DeadLetter::getSourceTopic)
                        .doesNotContain(Topics.ORDER_LIFECYCLE.name());
                System.out.printf(
                        "%d availability keys, %d changed on both sides of the upgrade; %d records"
                                + " published after it%n",
                        versions.size(),
                        versionsBefore.keySet().stream()
                                .filter(k -> versions.get(k).size() > versionsBefore.get(k).size())
                                .count(),
                        publishedAfter);
            }
        }
    }

    /**
     * Per key, versions in offset order: change counters 1..n across the upgrade, and every change
     * after it in a later generation than every change before it.
     */
    private static void assertChangesContinue(
            Map<String, List<Long>> before, Map<String, List<Long>> all) {
        assertThat(all.keySet()).containsAll(before.keySet());
        int changedOnBothSides = 0;
        for (Map.Entry<String, List<Long>> e : all.entrySet()) {
            String key = e.getKey();
            List<Long> versions = e.getValue();
            assertThat(versions.stream().map(v -> v & 0xFFFF_FFFFL).toList())
                    .as("changes of %s: none lost, none repeated, none restarted, in order", key)
                    .isEqualTo(LongStream.rangeClosed(1, versions.size()).boxed().toList());
            List<Long> earlier = before.getOrDefault(key, List.of());
            assertThat(versions.subList(0, earlier.size()))
                    .as("what %s published before the upgrade", key)
                    .isEqualTo(earlier);
            if (!earlier.isEmpty() && versions.size() > earlier.size()) {
                changedOnBothSides++;
                long lastGeneration = earlier.get(earlier.size() - 1) >>> 32;
                assertThat(versions.get(earlier.size()) >>> 32)
                        .as("generation of %s after the upgrade", key)
                        .isGreaterThan(lastGeneration);
            }
        }
        assertThat(changedOnBothSides).as("keys changed before and after the upgrade").isPositive();
    }

    /** At least {@code records} records in, and each processed or dead-lettered. */
    private static boolean allResolved(Map<String, Object> counters, long records) {
        long in = counter(counters, LedgerMetrics.RECORDS_IN);
        return in >= records
                && counter(counters, LedgerMetrics.PROCESSED)
                                + counter(counters, LedgerMetrics.DEAD_LETTERED)
                        == in;
    }

    private static long records(Map<String, List<Long>> versionsByKey) {
        return versionsByKey.values().stream().mapToLong(List::size).sum();
    }

    private static Map<String, List<Long>> versionsByKey(KafkaTestClient client) {
        Map<String, List<Long>> byKey = new TreeMap<>();
        for (KeyedValue<Availability> r :
                client.<Availability>readAll(Topics.AVAILABILITY, Duration.ofSeconds(1))) {
            byKey.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r.value().getVersion());
        }
        return byKey;
    }

    /** The real job with one operator added in front of the availability sink. */
    private static void buildWithAddedOperator(StreamExecutionEnvironment env, Configuration conf) {
        EngineSinks real = EngineJob.kafkaSinks(conf);
        EngineSinks.SinkApplier<Availability> availability = real.availability();
        EnginePipeline.build(
                env,
                EngineJob.kafkaSource(conf),
                EngineJob.rulesSource(conf),
                real.toBuilder()
                        .availability(
                                stream ->
                                        availability.apply(
                                                stream.map(
                                                                new CountingPassThrough(),
                                                                new AvroTypeInfo<>(
                                                                        Availability.class))
                                                        .name(ADDED_UID)
                                                        .uid(ADDED_UID)))
                        .build(),
                conf);
    }

    /**
     * A version that dropped every operator but the source: the savepoint's ledger, routing and
     * window state has nowhere to go. Returns only if the job ran (it must not).
     */
    private static void runToTheEnd(Configuration conf) throws Exception {
        try (RunningLedger removed =
                RunningLedger.submit(
                        conf,
                        (env, c) ->
                                env.fromSource(
                                                EngineJob.kafkaSource(c),
                                                WatermarkStrategy.noWatermarks(),
                                                EnginePipeline.SOURCE_UID)
                                        .uid(EnginePipeline.SOURCE_UID)
                                        .sinkTo(new DiscardingSink<>())
                                        .uid("discard"))) {
            removed.client().getJobExecutionResult().get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
        }
    }

    private static void order(KafkaTestClient client, String orderId, long time, String sku) {
        client.send(
                Topics.ORDER_REQUESTS,
                orderId,
                shipToHome(orderId, time, RoutingPreference.GREENEST, LAT, LON, line(sku, 2))
                        .build(),
                time);
    }

    /** Passes availability records on unchanged, counting them. */
    private static final class CountingPassThrough
            extends RichMapFunction<Availability, Availability> {
        private final LongCounter passed = new LongCounter();

        @Override
        public void open(OpenContext openContext) {
            getRuntimeContext().addAccumulator(PASSED_THROUGH, passed);
        }

        @Override
        public Availability map(Availability value) {
            passed.add(1);
            return value;
        }
    }
}
