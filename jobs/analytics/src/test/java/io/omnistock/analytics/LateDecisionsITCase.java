package io.omnistock.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import io.omnistock.avro.Allocation;
import io.omnistock.avro.DecisionStatus;
import io.omnistock.avro.FulfilmentMethod;
import io.omnistock.avro.NodeType;
import io.omnistock.avro.OperationsMetrics;
import io.omnistock.avro.RoutingDecision;
import io.omnistock.avro.RoutingPreference;
import io.omnistock.avro.SustainabilityMetrics;
import io.omnistock.avro.TransportMode;
import io.omnistock.connectors.KafkaOptions;
import io.omnistock.contracts.Topics;
import io.omnistock.domain.analytics.MetricRecords;
import io.omnistock.testing.FlinkMiniCluster;
import io.omnistock.testing.KafkaBrokerExtension;
import io.omnistock.testing.KafkaTestClient;
import io.omnistock.testing.KeyedValue;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Routed decisions that arrive long after the backordered ones of the same hours (the reservation
 * round trip, stretched), on the real broker and the real analytics job (exactly-once): every
 * window is already final when they come, yet none is lost. Each is counted as a late fact of its
 * window and applied as a new final revision, so the metric totals (highest revision per window)
 * equal the totals recomputed from {@code orders.decisions} exactly: routed orders, units, CO2e,
 * split orders, cost, on-time orders; in the 1-hour and the 1-minute windows alike.
 */
class LateDecisionsITCase {
    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @RegisterExtension static final MiniClusterExtension FLINK = FlinkMiniCluster.extension();

    private static final Duration DEADLINE = Duration.ofMinutes(2);
    private static final long T0 = Instant.parse("2026-11-23T08:00:00Z").toEpochMilli();
    private static final long SECOND = 1_000;
    private static final long HOUR = 3_600 * SECOND;
    private static final int ORDERS = 360;
    private static final List<String> REGIONS = List.of("UK-NORTH", "UK-SOUTH");
    private static final List<String> CHANNELS = List.of("WEB", "APP");

    @Test
    void routedDecisionsBehindTheBackorderedOnesAreCountedLateAndNoneIsLost() throws Exception {
        KAFKA.createTopics(Topics.all(), 2);
        String kafka = KAFKA.bootstrapServers();
        List<RoutingDecision> decisions = decisions(new Random(19));
        List<RoutingDecision> backordered =
                decisions.stream()
                        .filter(d -> d.getStatus() == DecisionStatus.BACKORDERED)
                        .toList();
        List<RoutingDecision> routed =
                decisions.stream()
                        .filter(d -> d.getStatus() != DecisionStatus.BACKORDERED)
                        .toList();
        assertThat(routed).hasSizeGreaterThan(ORDERS / 2);
        assertThat(backordered).hasSizeGreaterThan(ORDERS / 10);

        try (KafkaTestClient client = new KafkaTestClient(kafka)) {
            JobClient job = start(kafka);
            try {
                // The backordered decisions, and one a day later that moves the watermark on:
                // every window of the six hours is published final before a routed one arrives.
                backordered.forEach(d -> send(client, d));
                RoutingDecision closing =
                        decision("closing", T0 + 24 * HOUR, "UK-NORTH", "WEB")
                                .setStatus(DecisionStatus.BACKORDERED)
                                .build();
                send(client, closing);
                String lastHour =
                        MetricRecords.key("1h", "ALL", "ALL", Instant.ofEpochMilli(T0 + 5 * HOUR));
                client.readUntil(
                        Topics.METRICS_OPERATIONS,
                        v ->
                                v.stream()
                                        .anyMatch(
                                                m ->
                                                        MetricRecords.key(m).equals(lastHour)
                                                                && !m.getProvisional()),
                        DEADLINE);

                routed.forEach(d -> send(client, d));

                List<RoutingDecision> onTopic =
                        client
                                .readUntil(
                                        Topics.DECISIONS,
                                        v -> v.size() >= decisions.size() + 1,
                                        DEADLINE)
                                .stream()
                                .map(KeyedValue::value)
                                .toList();
                assertThat(onTopic).hasSize(decisions.size() + 1);
                Totals expected = Totals.of(onTopic);

                for (String window : List.of("1h", "1m")) {
                    Collection<SustainabilityMetrics> sustainability =
                            latestSustainability(
                                    values(
                                            client.readUntil(
                                                    Topics.METRICS_SUSTAINABILITY,
                                                    v ->
                                                            Totals.of(
                                                                                    window,
                                                                                    latestSustainability(
                                                                                            v))
                                                                            .orders()
                                                                    == expected.orders(),
                                                    DEADLINE)));
                    assertThat(Totals.of(window, sustainability))
                            .as(window + " windows, ALL|ALL, highest revisions")
                            .isEqualTo(expected.withoutOperationsFigures());

                    Collection<OperationsMetrics> operations =
                            latestOperations(
                                    values(
                                            client.readUntil(
                                                    Topics.METRICS_OPERATIONS,
                                                    v ->
                                                            lateFacts(window, latestOperations(v))
                                                                    == routed.size(),
                                                    DEADLINE)));
                    List<OperationsMetrics> all = allAll(window, operations);
                    assertThat(
                                    all.stream()
                                            .mapToLong(m -> m.getRouted() + m.getPartiallyRouted())
                                            .sum())
                            .isEqualTo(expected.orders());
                    assertThat(all.stream().mapToLong(OperationsMetrics::getBackordered).sum())
                            .as("the closing decision's window is still open")
                            .isEqualTo(backordered.size());
                    assertThat(all.stream().mapToDouble(OperationsMetrics::getRoutedCost).sum())
                            .isEqualTo(expected.cost());
                    assertThat(
                                    all.stream()
                                            .mapToDouble(OperationsMetrics::getCostOverBaseline)
                                            .sum())
                            .as("each routed order costs 0.25 per shipment above its baseline")
                            .isEqualTo(
                                    routed.stream()
                                            .mapToDouble(
                                                    d -> d.getTotalCost() - d.getBaselineCost())
                                            .sum());
                    assertThat(all.stream().mapToLong(OperationsMetrics::getOnTimeOrders).sum())
                            .isEqualTo(expected.onTime());
                    assertThat(
                                    all.stream()
                                            .mapToLong(
                                                    m ->
                                                            m.getLateFactsByKind()
                                                                            .getOrDefault(
                                                                                    "ROUTED", 0L)
                                                                    + m.getLateFactsByKind()
                                                                            .getOrDefault(
                                                                                    "PARTIALLY_ROUTED",
                                                                                    0L))
                                            .sum())
                            .as("every routed decision came after its window was final")
                            .isEqualTo(routed.size());
                    assertThat(
                                    all.stream()
                                            .flatMap(m -> m.getDecisionLatency().values().stream())
                                            .mapToLong(Long::longValue)
                                            .sum())
                            .as("every final decision in a latency bucket")
                            .isEqualTo(expected.orders() + backordered.size());
                    assertThat(all)
                            .filteredOn(m -> m.getWindowStart().toEpochMilli() < T0 + 6 * HOUR)
                            .allSatisfy(m -> assertThat(m.getProvisional()).isFalse());
                }
            } finally {
                job.cancel().get();
            }
        }
    }

    /** Six hours of orders in two regions and two channels; CO2e and cost in exact binary steps. */
    private static List<RoutingDecision> decisions(Random random) {
        List<RoutingDecision> decisions = new ArrayList<>();
        for (int i = 0; i < ORDERS; i++) {
            long orderTime = T0 + i * (6 * HOUR / ORDERS) + random.nextInt(10) * SECOND;
            RoutingDecision.Builder d =
                    decision(
                            "o-" + i,
                            orderTime,
                            REGIONS.get(random.nextInt(REGIONS.size())),
                            CHANNELS.get(random.nextInt(CHANNELS.size())));
            int draw = random.nextInt(10);
            if (draw < 2) {
                decisions.add(d.setStatus(DecisionStatus.BACKORDERED).build());
                continue;
            }
            int shipments = draw < 4 ? 2 : 1;
            List<Allocation> allocations = new ArrayList<>();
            double co2e = 0;
            double cost = 0;
            for (int s = 0; s < shipments; s++) {
                double lineCo2e = (1 + random.nextInt(16)) * 0.125;
                double lineCost = (4 + random.nextInt(40)) * 0.25;
                long eta = orderTime + (12 + random.nextInt(60)) * HOUR; // the promise is 48 h
                allocations.add(
                        Allocation.newBuilder()
                                .setNodeId("N" + s)
                                .setNodeType(NodeType.DC)
                                .setSku("SKU-" + i)
                                .setQuantity(1 + s)
                                .setMode(TransportMode.PARCEL_GROUND)
                                .setEta(Instant.ofEpochMilli(eta))
                                .setCost(lineCost)
                                .setDistanceKm(100)
                                .setCo2eKg(lineCo2e)
                                .build());
                co2e += lineCo2e;
                cost += lineCost;
            }
            int allocated = shipments == 2 ? 3 : 1;
            decisions.add(
                    d.setStatus(draw == 9 ? DecisionStatus.PARTIALLY_ROUTED : DecisionStatus.ROUTED)
                            .setUnitsOrdered(draw == 9 ? allocated + 1 : allocated)
                            .setUnitsAllocated(allocated)
                            .setShipments(shipments)
                            .setTotalCo2eKg(co2e)
                            .setBaselineCo2eKg(co2e + 0.125)
                            .setTotalCost(cost)
                            .setBaselineCost(cost - 0.25 * shipments)
                            .setTotalDistanceKm(100.0 * shipments)
                            .setAllocations(allocations)
                            .build());
        }
        return decisions;
    }

    private static RoutingDecision.Builder decision(
            String orderId, long orderTime, String region, String channel) {
        Instant at = Instant.ofEpochMilli(orderTime);
        return RoutingDecision.newBuilder()
                .setEventId(orderId + "#1")
                .setEventTime(at)
                .setOrderId(orderId)
                .setRevision(1)
                .setStatus(DecisionStatus.BACKORDERED)
                .setChannel(channel)
                .setRegion(region)
                .setMethod(FulfilmentMethod.SHIP_TO_HOME)
                .setPreference(RoutingPreference.BALANCED)
                .setOrderTime(at)
                .setPromiseBy(at.plus(Duration.ofHours(48)))
                .setUnitsOrdered(2)
                .setUnitsAllocated(0)
                .setShipments(0)
                .setTotalCost(0)
                .setTotalDistanceKm(0)
                .setTotalCo2eKg(0)
                .setAllocations(List.of());
    }

    /** What an analyst recomputes from the final decisions on {@code orders.decisions}. */
    record Totals(
            long orders, long units, double co2eKg, long splitOrders, double cost, long onTime) {
        static Totals of(List<RoutingDecision> decisions) {
            List<RoutingDecision> routed =
                    decisions.stream()
                            .filter(
                                    d ->
                                            d.getStatus() == DecisionStatus.ROUTED
                                                    || d.getStatus()
                                                            == DecisionStatus.PARTIALLY_ROUTED)
                            .toList();
            return new Totals(
                    routed.size(),
                    routed.stream().mapToLong(RoutingDecision::getUnitsAllocated).sum(),
                    routed.stream().mapToDouble(RoutingDecision::getTotalCo2eKg).sum(),
                    routed.stream().filter(d -> d.getShipments() > 1).count(),
                    routed.stream().mapToDouble(RoutingDecision::getTotalCost).sum(),
                    routed.stream().filter(LateDecisionsITCase::onTime).count());
        }

        /** These totals with cost and on-time orders 0: those are on metrics.operations. */
        Totals withoutOperationsFigures() {
            return new Totals(orders, units, co2eKg, splitOrders, 0, 0);
        }

        /** The same figures from the ALL|ALL windows of one size; cost and on-time left 0. */
        static Totals of(String window, Collection<SustainabilityMetrics> metrics) {
            List<SustainabilityMetrics> all =
                    metrics.stream()
                            .filter(m -> m.getWindow().equals(window))
                            .filter(
                                    m ->
                                            m.getRegion().equals("ALL")
                                                    && m.getChannel().equals("ALL"))
                            .toList();
            return new Totals(
                    all.stream().mapToLong(SustainabilityMetrics::getOrders).sum(),
                    all.stream().mapToLong(SustainabilityMetrics::getUnits).sum(),
                    all.stream().mapToDouble(SustainabilityMetrics::getCo2eKg).sum(),
                    all.stream().mapToLong(SustainabilityMetrics::getSplitOrders).sum(),
                    0,
                    0);
        }
    }

    private static boolean onTime(RoutingDecision d) {
        return d.getAllocations().stream().allMatch(a -> !a.getEta().isAfter(d.getPromiseBy()));
    }

    private static long lateFacts(String window, Collection<OperationsMetrics> metrics) {
        return allAll(window, metrics).stream().mapToLong(OperationsMetrics::getLateFacts).sum();
    }

    private static List<OperationsMetrics> allAll(
            String window, Collection<OperationsMetrics> metrics) {
        return metrics.stream()
                .filter(m -> m.getWindow().equals(window))
                .filter(m -> m.getRegion().equals("ALL") && m.getChannel().equals("ALL"))
                .toList();
    }

    /** The highest revision of each window, as a consumer of the metric topics keeps it. */
    private static Collection<SustainabilityMetrics> latestSustainability(
            List<SustainabilityMetrics> records) {
        Map<String, SustainabilityMetrics> latest = new HashMap<>();
        for (SustainabilityMetrics r : records) {
            latest.merge(
                    MetricRecords.key(r), r, (a, b) -> b.getRevision() >= a.getRevision() ? b : a);
        }
        return latest.values();
    }

    private static Collection<OperationsMetrics> latestOperations(List<OperationsMetrics> records) {
        Map<String, OperationsMetrics> latest = new HashMap<>();
        for (OperationsMetrics r : records) {
            latest.merge(
                    MetricRecords.key(r), r, (a, b) -> b.getRevision() >= a.getRevision() ? b : a);
        }
        return latest.values();
    }

    private static <V> List<V> values(List<KeyedValue<V>> records) {
        return records.stream().map(KeyedValue::value).toList();
    }

    private static void send(KafkaTestClient client, RoutingDecision d) {
        client.send(Topics.DECISIONS, d.getOrderId(), d, d.getEventTime().toEpochMilli());
    }

    private static JobClient start(String kafka) throws Exception {
        Configuration conf = new Configuration();
        conf.set(KafkaOptions.BOOTSTRAP_SERVERS, kafka);
        conf.set(KafkaOptions.STARTING_OFFSETS, KafkaOptions.StartingOffsets.EARLIEST);
        conf.set(KafkaOptions.DELIVERY_MODE, KafkaOptions.DeliveryMode.EXACTLY_ONCE);
        conf.set(MetricsOptions.SOURCE_IDLENESS, Duration.ofSeconds(1));
        conf.set(MetricsOptions.MAX_OUT_OF_ORDERNESS, Duration.ofMinutes(1));
        conf.set(MetricsOptions.ALLOWED_LATENESS, Duration.ofMinutes(10));
        conf.set(MetricsOptions.LATE_RETENTION, Duration.ofDays(2));
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofMillis(500));
        conf.set(CoreOptions.DEFAULT_PARALLELISM, 2);
        StreamExecutionEnvironment env = AnalyticsJob.environment(conf);
        AnalyticsJob.build(env, conf);
        return env.executeAsync(AnalyticsJob.JOB_NAME);
    }
}
