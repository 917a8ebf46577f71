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
import static org.assertj.core.api.Assertions.within;

import io.omnistock.avro.Allocation;
import io.omnistock.avro.DeadLetter;
import io.omnistock.avro.DecisionStatus;
import io.omnistock.avro.FulfilmentMethod;
import io.omnistock.avro.NodeRecord;
import io.omnistock.avro.NodeStatus;
import io.omnistock.avro.NodeType;
import io.omnistock.avro.OperationsMetrics;
import io.omnistock.avro.OrderLine;
import io.omnistock.avro.OrderRequest;
import io.omnistock.avro.RoutingDecision;
import io.omnistock.avro.RoutingPreference;
import io.omnistock.avro.SustainabilityMetrics;
import io.omnistock.avro.WmsEventType;
import io.omnistock.connectors.KafkaOptions.DeliveryMode;
import io.omnistock.contracts.Topics;
import io.omnistock.domain.analytics.MetricRecords;
import io.omnistock.testing.FlinkMiniCluster;
import io.omnistock.testing.KafkaBrokerExtension;
import io.omnistock.testing.KafkaTestClient;
import io.omnistock.testing.KeyedValue;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * From orders to metric records on the real broker and both jobs (exactly-once, parallelism 2): the
 * ledger job publishes decisions, count checks and dead letters, the analytics job reads them back
 * from their topics and publishes the windows. An hour of orders on two channels (routed to a store
 * or a DC, split, partial, backordered, rejected), counts that match the ledger and one that does
 * not, and undecodable input; then one order hours later moves the metric watermark past the hour.
 * The published windows must add up to exactly what the decisions and dead letters consumed from
 * their topics say: every minute window and the hour window, every channel and the ALL roll-up.
 */
class MetricsITCase {
    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @RegisterExtension static final MiniClusterExtension FLINK = FlinkMiniCluster.extension();

    private static final double LAT = 51.5;
    private static final double LON = 0.0;
    private static final double EXACT = 1e-9;
    private static final long MINUTE = 60_000;

    @Test
    void theWindowsAddUpToTheDecisionsAndDeadLettersPublished() throws Exception {
        KAFKA.createTopics(Topics.all(), 2);
        String kafka = KAFKA.bootstrapServers();
        long hour =
                Instant.now()
                        .minus(6, ChronoUnit.HOURS)
                        .truncatedTo(ChronoUnit.HOURS)
                        .toEpochMilli();
        long before = hour - 30 * MINUTE;

        try (RunningLedger ledger = RunningLedger.start(kafka, DeliveryMode.EXACTLY_ONCE);
                RunningAnalytics analytics = RunningAnalytics.start(kafka);
                KafkaTestClient client = new KafkaTestClient(kafka)) {
            for (NodeRecord n :
                    List.of(
                            node(
                                    "S1",
                                    NodeType.STORE,
                                    kmNorth(LAT, 10),
                                    LON,
                                    0,
                                    3.0,
                                    NodeStatus.OPEN,
                                    before,
                                    FulfilmentMethod.SHIP_FROM_STORE,
                                    FulfilmentMethod.BOPIS),
                            node(
                                    "D1",
                                    NodeType.DC,
                                    kmNorth(LAT, 200),
                                    LON,
                                    0,
                                    1.0,
                                    NodeStatus.OPEN,
                                    before,
                                    FulfilmentMethod.SHIP_TO_HOME))) {
                client.send(Topics.NODES, n.getNodeId(), n, before);
            }
            stock(client, WmsEventType.RECEIPT, "r-a-s1", "SKU-A", "S1", 20, before);
            stock(client, WmsEventType.RECEIPT, "r-a-d1", "SKU-A", "D1", 100, before);
            stock(client, WmsEventType.RECEIPT, "r-b-d1", "SKU-B", "D1", 3, before);
            stock(client, WmsEventType.RECEIPT, "r-c-s1", "SKU-C", "S1", 2, before);
            stock(client, WmsEventType.RECEIPT, "r-f-d1", "SKU-F", "D1", 5, before);
            stock(client, WmsEventType.RECEIPT, "r-e-d1", "SKU-E", "D1", 1, before);
            stock(client, WmsEventType.SHIP, "s-e-d1", "SKU-E", "D1", 1, before + MINUTE);
            // counts: one agrees with the ledger, one does not (a unit of SKU-A missing at S1)
            stock(
                    client,
                    WmsEventType.CYCLE_COUNT,
                    "count-a-d1",
                    "SKU-A",
                    "D1",
                    100,
                    hour + MINUTE);
            stock(client, WmsEventType.CYCLE_COUNT, "count-a-s1", "SKU-A", "S1", 19, hour + MINUTE);
            awaitFigures(
                    client,
                    Map.of(
                            "SKU-A|S1", figures(19, 0, 19),
                            "SKU-A|D1", figures(100, 0, 100),
                            "SKU-B|D1", figures(3, 0, 3),
                            "SKU-C|S1", figures(2, 0, 2),
                            "SKU-F|D1", figures(5, 0, 5),
                            "SKU-E|D1", figures(0, 0, 0)));

            List<OrderRequest> orders = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                long time = hour + (5 + 4 * i) * MINUTE + i * 1000L;
                String channel = i % 3 == 0 ? "APP" : "WEB";
                RoutingPreference preference =
                        i % 2 == 0 ? RoutingPreference.GREENEST : RoutingPreference.CHEAPEST;
                orders.add(order("o" + i, time, channel, preference, line("SKU-A", 1 + i % 2)));
            }
            orders.add(
                    order(
                            "split",
                            hour + 52 * MINUTE,
                            "WEB",
                            RoutingPreference.GREENEST,
                            line("SKU-F", 1),
                            line("SKU-C", 1))); // in stock only at D1 and S1
            orders.add(
                    order(
                            "partial",
                            hour + 53 * MINUTE,
                            "APP",
                            RoutingPreference.BALANCED,
                            line("SKU-B", 5)));
            orders.add(
                    order(
                            "none",
                            hour + 54 * MINUTE,
                            "WEB",
                            RoutingPreference.BALANCED,
                            line("SKU-E", 2))); // known, none in stock
            orders.add(
                    OrderRequest.newBuilder(
                                    order(
                                            "bopis",
                                            hour + 55 * MINUTE,
                                            "APP",
                                            RoutingPreference.BALANCED,
                                            line("SKU-A", 1)))
                            .setMethod(FulfilmentMethod.BOPIS)
                            .setDestinationLatitude(null)
                            .setDestinationLongitude(null)
                            .setPickupNodeId("S1")
                            .build());
            orders.add(order("empty", hour + 56 * MINUTE, "WEB", RoutingPreference.BALANCED));
            for (OrderRequest o : orders) {
                client.send(
                        Topics.ORDER_REQUESTS, o.getOrderId(), o, o.getEventTime().toEpochMilli());
            }
            client.send(Topics.POS.name(), "SKU-A", new byte[] {1, 2, 3}, hour + 57 * MINUTE);

            List<RoutingDecision> decisions =
                    values(
                            client.readUntil(
                                    Topics.DECISIONS, v -> v.size() >= orders.size(), DEADLINE));
            assertThat(decisions)
                    .extracting(RoutingDecision::getStatus)
                    .contains(
                            DecisionStatus.ROUTED,
                            DecisionStatus.PARTIALLY_ROUTED,
                            DecisionStatus.BACKORDERED,
                            DecisionStatus.REJECTED);
            assertThat(decisions).filteredOn(d -> d.getShipments() > 1).isNotEmpty();
            List<DeadLetter> deadLetters =
                    values(client.readUntil(Topics.DEADLETTER, v -> v.size() >= 2, DEADLINE));

            // hours later: the metric watermark passes the hour and its minutes
            OrderRequest closing =
                    order(
                            "closing",
                            hour + 3 * 60 * MINUTE,
                            "WEB",
                            RoutingPreference.BALANCED,
                            line("SKU-A", 1));
            client.send(
                    Topics.ORDER_REQUESTS,
                    "closing",
                    closing,
                    closing.getEventTime().toEpochMilli());
            String hourKey = MetricRecords.key("1h", "ALL", "ALL", Instant.ofEpochMilli(hour));
            Set<String> carbonKeys = new HashSet<>();
            for (RoutingDecision d : decisions) {
                carbonKeys.addAll(keysOf(d.getEventTime(), "UK", d.getChannel()));
            }
            Set<String> operationsKeys = new HashSet<>(carbonKeys);
            operationsKeys.addAll(keysOf(Instant.ofEpochMilli(hour + MINUTE), "UK", "ALL"));
            for (DeadLetter d : deadLetters) {
                operationsKeys.addAll(keysOf(d.getEventTime(), "ALL", "ALL"));
            }
            Map<String, OperationsMetrics> operations =
                    latest(
                            client.readUntil(
                                    Topics.METRICS_OPERATIONS,
                                    v -> keys(v, MetricRecords::key).containsAll(operationsKeys),
                                    DEADLINE),
                            MetricRecords::key);
            Map<String, SustainabilityMetrics> sustainability =
                    latest(
                            client.readUntil(
                                    Topics.METRICS_SUSTAINABILITY,
                                    v -> keys(v, MetricRecords::key).containsAll(carbonKeys),
                                    DEADLINE),
                            MetricRecords::key);

            for (String channel : List.of("ALL", "WEB", "APP")) {
                Predicate<RoutingDecision> inChannel =
                        d -> channel.equals("ALL") || d.getChannel().equals(channel);
                List<RoutingDecision> mine = decisions.stream().filter(inChannel).toList();
                OperationsMetrics hourOps =
                        operations.get(
                                MetricRecords.key(
                                        "1h", "ALL", channel, Instant.ofEpochMilli(hour)));
                SustainabilityMetrics hourCarbon =
                        sustainability.get(
                                MetricRecords.key(
                                        "1h", "ALL", channel, Instant.ofEpochMilli(hour)));
                assertOperations(hourOps, mine);
                assertSustainability(hourCarbon, mine);
                // the minutes of the hour add up to the same
                assertOperations(sumOfMinutes(operations.values(), channel, hour), mine);
                assertThat(
                                sustainability.values().stream()
                                        .filter(
                                                m ->
                                                        m.getWindow().equals("1m")
                                                                && m.getRegion().equals("ALL")
                                                                && m.getChannel().equals(channel))
                                        .mapToDouble(SustainabilityMetrics::getCo2eKg)
                                        .sum())
                        .isCloseTo(hourCarbon.getCo2eKg(), within(EXACT));
            }

            OperationsMetrics all = operations.get(hourKey);
            assertThat(all.getCountsCompared()).isEqualTo(2);
            assertThat(all.getCountsMatched()).isEqualTo(1);
            assertThat(all.getInventoryAccuracy()).isEqualTo(0.5);
            assertThat(
                            operations
                                    .get(
                                            MetricRecords.key(
                                                    "1h", "UK", "ALL", Instant.ofEpochMilli(hour)))
                                    .getInventoryAccuracy())
                    .as("counts are in their node's region")
                    .isEqualTo(0.5);
            assertThat(all.getDeadLetters()).isEqualTo(deadLetters.size());
            assertThat(all.getDeadLettersByReason())
                    .isEqualTo(
                            deadLetters.stream()
                                    .collect(
                                            Collectors.groupingBy(
                                                    d -> d.getReason().name(),
                                                    TreeMap::new,
                                                    Collectors.counting())));
            assertThat(all.getDeadLettersByReason()).containsKeys("UNDECODABLE", "EMPTY_ORDER");
            assertThat(
                            operations
                                    .get(
                                            MetricRecords.key(
                                                    "1h", "ALL", "WEB", Instant.ofEpochMilli(hour)))
                                    .getDeadLetters())
                    .as("dead letters have no channel")
                    .isZero();
            assertThat(operations.keySet())
                    .as("the closing order's hour is not closed yet")
                    .noneMatch(
                            k ->
                                    k.contains(
                                            Instant.ofEpochMilli(hour + 3 * 60 * MINUTE)
                                                    .toString()));
        }
    }

    private static void assertOperations(OperationsMetrics m, List<RoutingDecision> decisions) {
        assertThat(m).isNotNull();
        assertThat(m.getDecisions())
                .isEqualTo(
                        decisions.stream()
                                .filter(d -> d.getStatus() != DecisionStatus.RE_ROUTED)
                                .count());
        assertThat(m.getRouted()).isEqualTo(count(decisions, DecisionStatus.ROUTED));
        assertThat(m.getPartiallyRouted())
                .isEqualTo(count(decisions, DecisionStatus.PARTIALLY_ROUTED));
        assertThat(m.getBackordered()).isEqualTo(count(decisions, DecisionStatus.BACKORDERED));
        assertThat(m.getRejected()).isEqualTo(count(decisions, DecisionStatus.REJECTED));
        List<RoutingDecision> demand =
                decisions.stream().filter(d -> d.getStatus() != DecisionStatus.REJECTED).toList();
        long ordered = demand.stream().mapToLong(RoutingDecision::getUnitsOrdered).sum();
        long allocated = demand.stream().mapToLong(RoutingDecision::getUnitsAllocated).sum();
        assertThat(m.getUnitsOrdered()).isEqualTo(ordered);
        assertThat(m.getUnitsAllocated()).isEqualTo(allocated);
        assertThat(m.getFillRate()).isCloseTo((double) allocated / ordered, within(EXACT));
    }

    private static void assertSustainability(
            SustainabilityMetrics m, List<RoutingDecision> decisions) {
        List<RoutingDecision> routed =
                decisions.stream()
                        .filter(
                                d ->
                                        d.getStatus() == DecisionStatus.ROUTED
                                                || d.getStatus() == DecisionStatus.PARTIALLY_ROUTED)
                        .toList();
        double co2e = routed.stream().mapToDouble(RoutingDecision::getTotalCo2eKg).sum();
        double avoided =
                routed.stream().mapToDouble(d -> d.getBaselineCo2eKg() - d.getTotalCo2eKg()).sum();
        assertThat(m.getOrders()).isEqualTo(routed.size());
        assertThat(m.getUnits())
                .isEqualTo(routed.stream().mapToLong(RoutingDecision::getUnitsAllocated).sum());
        assertThat(m.getShipments())
                .isEqualTo(routed.stream().mapToLong(RoutingDecision::getShipments).sum());
        assertThat(m.getSplitOrders())
                .isEqualTo(routed.stream().filter(d -> d.getShipments() > 1).count());
        assertThat(m.getDistanceKm())
                .isCloseTo(
                        routed.stream().mapToDouble(RoutingDecision::getTotalDistanceKm).sum(),
                        within(EXACT));
        assertThat(m.getCo2eKg()).isCloseTo(co2e, within(EXACT));
        assertThat(m.getCo2ePerOrderKg()).isCloseTo(co2e / routed.size(), within(EXACT));
        assertThat(m.getCo2eAvoidedKg()).isCloseTo(avoided, within(EXACT));
        assertThat(m.getBopisOrders())
                .isEqualTo(
                        routed.stream()
                                .filter(d -> d.getMethod() == FulfilmentMethod.BOPIS)
                                .count());
        assertThat(m.getShipFromStoreOrders())
                .isEqualTo(
                        routed.stream()
                                .filter(d -> d.getMethod() == FulfilmentMethod.SHIP_TO_HOME)
                                .filter(
                                        d ->
                                                d.getAllocations().stream()
                                                        .map(Allocation::getNodeType)
                                                        .anyMatch(NodeType.STORE::equals))
                                .count());
    }

    private static OperationsMetrics sumOfMinutes(
            java.util.Collection<OperationsMetrics> all, String channel, long hour) {
        OperationsMetrics sum =
                OperationsMetrics.newBuilder(all.iterator().next())
                        .setDecisions(0)
                        .setRouted(0)
                        .setPartiallyRouted(0)
                        .setBackordered(0)
                        .setRejected(0)
                        .setUnitsOrdered(0)
                        .setUnitsAllocated(0)
                        .build();
        for (OperationsMetrics m : all) {
            long start = m.getWindowStart().toEpochMilli();
            if (m.getWindow().equals("1m")
                    && m.getRegion().equals("ALL")
                    && m.getChannel().equals(channel)
                    && start >= hour
                    && start < hour + 60 * MINUTE) {
                sum.setDecisions(sum.getDecisions() + m.getDecisions());
                sum.setRouted(sum.getRouted() + m.getRouted());
                sum.setPartiallyRouted(sum.getPartiallyRouted() + m.getPartiallyRouted());
                sum.setBackordered(sum.getBackordered() + m.getBackordered());
                sum.setRejected(sum.getRejected() + m.getRejected());
                sum.setUnitsOrdered(sum.getUnitsOrdered() + m.getUnitsOrdered());
                sum.setUnitsAllocated(sum.getUnitsAllocated() + m.getUnitsAllocated());
            }
        }
        sum.setFillRate((double) sum.getUnitsAllocated() / sum.getUnitsOrdered());
        return sum;
    }

    /** The keys of the minute and hour windows of a fact at {@code time}, with its roll-ups. */
    private static Set<String> keysOf(Instant time, String region, String channel) {
        Set<String> keys = new HashSet<>();
        for (String r : List.of(region, "ALL")) {
            for (String c : List.of(channel, "ALL")) {
                keys.add(MetricRecords.key("1m", r, c, time.truncatedTo(ChronoUnit.MINUTES)));
                keys.add(MetricRecords.key("1h", r, c, time.truncatedTo(ChronoUnit.HOURS)));
            }
        }
        return keys;
    }

    private static <V> Set<String> keys(List<V> records, Function<V, String> key) {
        return records.stream().map(key).collect(Collectors.toSet());
    }

    private static long count(List<RoutingDecision> decisions, DecisionStatus status) {
        return decisions.stream().filter(d -> d.getStatus() == status).count();
    }

    private static OrderRequest order(
            String id,
            long time,
            String channel,
            RoutingPreference preference,
            OrderLine... lines) {
        return shipToHome(id, time, preference, LAT, LON, lines).setChannel(channel).build();
    }

    private static void stock(
            KafkaTestClient client,
            WmsEventType type,
            String id,
            String sku,
            String node,
            int qty,
            long time) {
        client.send(Topics.WMS, sku, wms(type, id, time, sku, node, qty), time);
    }

    private static <V> List<V> values(List<KeyedValue<V>> records) {
        return records.stream().map(KeyedValue::value).toList();
    }

    /** The highest revision of each window, as a consumer of the metric topics keeps it. */
    private static <V extends org.apache.avro.specific.SpecificRecord> Map<String, V> latest(
            List<KeyedValue<V>> records, Function<V, String> key) {
        Map<String, V> latest = new TreeMap<>();
        for (KeyedValue<V> r : records) {
            assertThat(r.key()).isEqualTo(key.apply(r.value()));
            latest.merge(r.key(), r.value(), (a, b) -> revision(b) > revision(a) ? b : a);
        }
        return latest;
    }

    private static int revision(Object m) {
        return m instanceof OperationsMetrics o
                ? o.getRevision()
                : ((SustainabilityMetrics) m).getRevision();
    }
}
