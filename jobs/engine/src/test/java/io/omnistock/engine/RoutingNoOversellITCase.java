package io.omnistock.engine;

import static io.omnistock.engine.OrderFixtures.allocatedByPosition;
import static io.omnistock.engine.OrderFixtures.decisionsByOrder;
import static io.omnistock.engine.OrderFixtures.figures;
import static io.omnistock.engine.OrderFixtures.isFinal;
import static io.omnistock.engine.OrderFixtures.latestAvailability;
import static io.omnistock.engine.OrderFixtures.line;
import static io.omnistock.engine.OrderFixtures.node;
import static io.omnistock.engine.OrderFixtures.record;
import static io.omnistock.engine.OrderFixtures.shipToHome;
import static io.omnistock.engine.OrderFixtures.wms;
import static io.omnistock.engine.ReferenceCheck.DEADLINE;
import static org.assertj.core.api.Assertions.assertThat;

import io.omnistock.avro.Availability;
import io.omnistock.avro.DecisionStatus;
import io.omnistock.avro.FulfilmentMethod;
import io.omnistock.avro.HoldEvent;
import io.omnistock.avro.HoldEventType;
import io.omnistock.avro.InboundPromise;
import io.omnistock.avro.NodeRecord;
import io.omnistock.avro.NodeStatus;
import io.omnistock.avro.NodeType;
import io.omnistock.avro.OrderLine;
import io.omnistock.avro.RoutingDecision;
import io.omnistock.avro.RoutingPreference;
import io.omnistock.avro.ThreePlEvent;
import io.omnistock.avro.ThreePlEventType;
import io.omnistock.avro.WmsEvent;
import io.omnistock.avro.WmsEventType;
import io.omnistock.connectors.KafkaOptions.DeliveryMode;
import io.omnistock.contracts.Topics;
import io.omnistock.generator.GeneratedRecord;
import io.omnistock.generator.GeneratorPublisher;
import io.omnistock.testing.Await;
import io.omnistock.testing.FlinkMiniCluster;
import io.omnistock.testing.KafkaBrokerExtension;
import io.omnistock.testing.KafkaTestClient;
import io.omnistock.testing.KeyedValue;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * No unit is promised twice (docs/design.md section 4), through a real failure: 150 orders (about
 * 420 units) race for the few dozen units of 3 SKUs x 3 nodes while they stream in, the task
 * managers are killed mid-stream (as in {@link LedgerRecoveryScenario}) and the exactly-once job
 * restores from its last checkpoint. Every fourth order allows future supply
 * (docs/concepts/inbound-promises.md): the DC has an ASN of 4 units per SKU, and after the failure,
 * while orders still stream in, two ASNs are received in full and the third is received in part and
 * revised down. Afterwards every order has exactly one final decision, no SKU x node has granted
 * more than its on-hand (receipts included) minus safety stock and what standing cart holds keep
 * (holds.requests: nine one-unit holds race with the orders), no ASN is promised more than it still
 * brings, and the published availability holds exactly the units the decisions allocate.
 */
class RoutingNoOversellITCase {
    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @RegisterExtension static final MiniClusterExtension FLINK = FlinkMiniCluster.extension();

    private static final int ORDERS = 150;
    private static final double ORDERS_PER_SECOND = 30;
    private static final List<String> SKUS = List.of("SKU-1", "SKU-2", "SKU-3");
    private static final String DC = "D-BHM";
    private static final int ASN_UNITS = 4;

    @Test
    void racingOrdersThroughATaskManagerLossNeverOversell(@InjectMiniCluster MiniCluster cluster)
            throws Exception {
        KAFKA.createTopics(Topics.all(), 2);
        String kafka = KAFKA.bootstrapServers();
        long now = System.currentTimeMillis();
        Random random = new Random(20240611L);

        long nodeTime = now - Duration.ofHours(1).toMillis();
        List<NodeRecord> nodes =
                List.of(
                        node(
                                "S-LON",
                                NodeType.STORE,
                                51.51,
                                -0.13,
                                1,
                                3.0,
                                NodeStatus.OPEN,
                                nodeTime,
                                FulfilmentMethod.SHIP_FROM_STORE,
                                FulfilmentMethod.BOPIS),
                        node(
                                "S-MAN",
                                NodeType.STORE,
                                53.48,
                                -2.24,
                                0,
                                3.0,
                                NodeStatus.OPEN,
                                nodeTime,
                                FulfilmentMethod.SHIP_FROM_STORE,
                                FulfilmentMethod.BOPIS),
                        node(
                                "D-BHM",
                                NodeType.DC,
                                52.45,
                                -1.90,
                                1,
                                1.0,
                                NodeStatus.OPEN,
                                nodeTime,
                                FulfilmentMethod.SHIP_TO_HOME));
        Map<String, Long> safetyStock = new HashMap<>();
        nodes.forEach(n -> safetyStock.put(n.getNodeId(), (long) n.getSafetyStock()));

        try (RunningLedger ledger = RunningLedger.start(kafka, DeliveryMode.EXACTLY_ONCE);
                KafkaTestClient client = new KafkaTestClient(kafka)) {
            // 2-6 units per SKU x node: a cycle count, a receipt, or a count and a receipt
            for (NodeRecord n : nodes) {
                client.send(Topics.NODES, n.getNodeId(), n, nodeTime);
            }
            Map<String, Long> supply = new TreeMap<>();
            long stockTime = now - Duration.ofMinutes(30).toMillis();
            int i = 0;
            for (String sku : SKUS) {
                for (NodeRecord n : nodes) {
                    String nodeId = n.getNodeId();
                    int units = 2 + random.nextInt(5);
                    supply.put(Topics.positionKey(sku, nodeId), (long) units);
                    String id = "stock-" + sku + "-" + nodeId;
                    switch (i++ % 3) {
                        case 0 ->
                                sendWms(
                                        client,
                                        WmsEventType.CYCLE_COUNT,
                                        id,
                                        stockTime,
                                        sku,
                                        nodeId,
                                        units);
                        case 1 ->
                                sendWms(
                                        client,
                                        WmsEventType.RECEIPT,
                                        id,
                                        stockTime,
                                        sku,
                                        nodeId,
                                        units);
                        default -> {
                            sendWms(
                                    client,
                                    WmsEventType.CYCLE_COUNT,
                                    id + "-count",
                                    stockTime,
                                    sku,
                                    nodeId,
                                    units - 1);
                            sendWms(
                                    client,
                                    WmsEventType.RECEIPT,
                                    id + "-receipt",
                                    stockTime + 1_000,
                                    sku,
                                    nodeId,
                                    1);
                        }
                    }
                }
            }
            Await.until(
                    "the ledger holds the opening stock",
                    () -> stockMismatches(latestAvailability(client), supply),
                    List::isEmpty,
                    DEADLINE);

            // inbound: one ASN of 4 units per SKU at the DC, due tomorrow (before every promise)
            long eta = now + Duration.ofDays(1).toMillis();
            for (String sku : SKUS) {
                sendAsn(client, sku, ASN_UNITS, stockTime, eta);
            }
            Await.until(
                    "the ASNs are in transit",
                    () -> inTransitAtDc(latestAvailability(client)),
                    List.of((long) ASN_UNITS, (long) ASN_UNITS, (long) ASN_UNITS)::equals,
                    DEADLINE);

            List<GeneratedRecord> orders = orders(random, now - Duration.ofMinutes(10).toMillis());
            long demand = 0;
            for (GeneratedRecord r : orders) {
                for (OrderLine l : Topics.ORDER_REQUESTS.codec().decode(r.value()).getLines()) {
                    demand += l.getQuantity();
                }
            }
            CompletableFuture<Void> streaming;
            int decidedAtFailure;
            long sentAtFailure;
            try (GeneratorPublisher publisher =
                    new GeneratorPublisher(kafka, ORDERS_PER_SECOND, null)) {
                streaming = CompletableFuture.runAsync(() -> publisher.sendAll(orders));
                // cart holds race with the orders: one unit of each SKU, three times, at the
                // node with the most ATP, standing for an hour
                for (int h = 0; h < 9; h++) {
                    String sku = SKUS.get(h % SKUS.size());
                    long holdTime = now - Duration.ofMinutes(8).toMillis() + h;
                    client.send(
                            Topics.HOLD_REQUESTS,
                            sku,
                            HoldsITCase.hold("cart-" + h, sku, null, 1, 3600, holdTime),
                            holdTime);
                }
                decidedAtFailure =
                        client.readUntil(Topics.DECISIONS, values -> values.size() >= 20, DEADLINE)
                                .size();
                sentAtFailure =
                        publisher.sentByTopic().getOrDefault(Topics.ORDER_REQUESTS.name(), 0L);
                // The scheduler may have put both of the job's slots on one task manager: kill
                // both (their tasks die with unfinished output), so a task always dies.
                for (int tm = 0; tm < FlinkMiniCluster.TASK_MANAGERS; tm++) {
                    cluster.terminateTaskManager(tm).get();
                }
                for (int tm = 0; tm < FlinkMiniCluster.TASK_MANAGERS; tm++) {
                    cluster.startTaskManager();
                }
                // while orders still stream in: SKU-1 and SKU-2 received in full, SKU-3 2 units
                // received and its ASN revised down to 3 (1 still to come)
                long receiptTime = now - Duration.ofMinutes(5).toMillis();
                sendReceipt(client, "SKU-1", ASN_UNITS, receiptTime);
                sendReceipt(client, "SKU-2", ASN_UNITS, receiptTime);
                sendReceipt(client, "SKU-3", 2, receiptTime);
                sendAsn(client, "SKU-3", 3, receiptTime + 1, eta);
                streaming.get();
            }

            Set<String> sent = new HashSet<>();
            orders.forEach(r -> sent.add(r.key()));
            DeliveryAudit.awaitFinalDecisions(client, sent);
            Map<String, Long> onHand = new TreeMap<>(supply);
            onHand.merge(Topics.positionKey("SKU-1", DC), (long) ASN_UNITS, Long::sum);
            onHand.merge(Topics.positionKey("SKU-2", DC), (long) ASN_UNITS, Long::sum);
            onHand.merge(Topics.positionKey("SKU-3", DC), 2L, Long::sum);
            Map<String, Long> stillInbound =
                    Map.of(
                            Topics.positionKey("SKU-1", DC), 0L,
                            Topics.positionKey("SKU-2", DC), 0L,
                            Topics.positionKey("SKU-3", DC), 1L);
            // the ledger's published availability agrees with the decisions, unit for unit,
            // once the receipts' conversions are decided too
            Await.until(
                    "availability holds exactly what the decisions allocate",
                    () ->
                            availabilityMismatches(
                                    latestAvailability(client),
                                    onHand,
                                    allocatedByPosition(
                                            decisionsByOrder(
                                                    client.readAll(
                                                            Topics.DECISIONS,
                                                            Duration.ofMillis(500)))),
                                    standingHolds(client),
                                    safetyStock),
                    List::isEmpty,
                    Duration.ofSeconds(60));
            List<KeyedValue<RoutingDecision>> published =
                    client.readAll(Topics.DECISIONS, Duration.ofSeconds(2));
            Map<String, List<RoutingDecision>> byOrder = decisionsByOrder(published);

            // lost, duplicated: per order, exactly one final decision and one record per revision
            DeliveryAudit.Orders decided = DeliveryAudit.Orders.of(sent, byOrder);
            List<String> lost = decided.lost();
            List<String> duplicated = decided.duplicated();
            Set<String> strangers = decided.unknown();
            Map<DecisionStatus, Integer> statuses = new EnumMap<>(DecisionStatus.class);
            int replanned = 0;
            for (String orderId : sent) {
                for (RoutingDecision d : byOrder.getOrDefault(orderId, List.of())) {
                    if (isFinal(d)) {
                        statuses.merge(d.getStatus(), 1, Integer::sum);
                        replanned += d.getAttempts() > 1 ? 1 : 0;
                    }
                }
            }

            // oversold: units held per SKU x node beyond on-hand minus safety stock, and units
            // promised of an ASN beyond what it still brings
            Map<String, Long> allocated = allocatedByPosition(byOrder);
            Map<String, Long> promised = promisedByPosition(byOrder);
            Map<String, Long> held = standingHolds(client);
            Map<String, Long> oversold = new TreeMap<>();
            long allocatedUnits = 0;
            long grantable = 0;
            for (Map.Entry<String, Long> position : onHand.entrySet()) {
                long inbound = stillInbound.getOrDefault(position.getKey(), 0L);
                long overPromised = promised.getOrDefault(position.getKey(), 0L) - inbound;
                if (overPromised > 0) {
                    oversold.merge(position.getKey(), overPromised, Long::sum);
                }
            }
            int futureSupplyOrders = 0;
            int promisedOrders = 0;
            int receivedPromises = 0;
            for (String orderId : sent) {
                List<RoutingDecision> decisions = byOrder.getOrDefault(orderId, List.of());
                boolean allows =
                        Integer.parseInt(orderId.substring(orderId.indexOf('-') + 1)) % 4 == 3;
                futureSupplyOrders += allows ? 1 : 0;
                boolean promisedAny = false;
                for (RoutingDecision d : decisions) {
                    promisedAny |= d.getInboundPromises().stream().anyMatch(p -> p.getReserved());
                    if (d.getReason() != null && d.getReason().startsWith("INBOUND_RECEIVED")) {
                        receivedPromises++;
                    }
                    if (!allows) {
                        assertThat(d.getInboundPromises())
                                .as("%s does not allow future supply", orderId)
                                .noneMatch(p -> p.getReserved());
                    }
                }
                promisedOrders += promisedAny ? 1 : 0;
            }
            for (Map.Entry<String, Long> position : onHand.entrySet()) {
                long limit = position.getValue() - safetyStock.get(nodeOf(position.getKey()));
                long granted =
                        allocated.getOrDefault(position.getKey(), 0L)
                                + held.getOrDefault(position.getKey(), 0L);
                allocatedUnits += allocated.getOrDefault(position.getKey(), 0L);
                grantable += Math.max(0, limit);
                if (granted > limit) {
                    oversold.merge(position.getKey(), granted - limit, Long::sum);
                }
            }
            Set<String> unknownPositions = new HashSet<>(allocated.keySet());
            unknownPositions.removeAll(supply.keySet());
            Set<String> promisedElsewhere = new HashSet<>(promised.keySet());
            promisedElsewhere.removeAll(stillInbound.keySet());
            unknownPositions.addAll(promisedElsewhere);
            Set<String> heldElsewhere = new HashSet<>(held.keySet());
            heldElsewhere.removeAll(supply.keySet());
            unknownPositions.addAll(heldElsewhere);

            System.out.printf(
                    "RoutingNoOversellITCase: %d orders (%d units) for %d grantable units;"
                            + " failure after %d decisions, %d orders sent; final %s,"
                            + " %d re-planned, %d units allocated; lost %d, duplicated %d,"
                            + " oversold %d units, decisions for unknown orders %d;"
                            + " %d orders allowing future supply, %d promised inbound,"
                            + " %d promises turned into reservations by receipts,"
                            + " %d units still promised; %d units held by standing holds%n",
                    ORDERS,
                    demand,
                    grantable,
                    decidedAtFailure,
                    sentAtFailure,
                    statuses,
                    replanned,
                    allocatedUnits,
                    lost.size(),
                    duplicated.size(),
                    oversold.values().stream().mapToLong(Long::longValue).sum(),
                    strangers.size(),
                    futureSupplyOrders,
                    promisedOrders,
                    receivedPromises,
                    promised.values().stream().mapToLong(Long::longValue).sum(),
                    held.values().stream().mapToLong(Long::longValue).sum());

            assertThat(JobAttempts.highestAttempt(cluster, ledger.client().getJobID()))
                    .as("the job really failed and recovered")
                    .isPositive();
            assertThat(sentAtFailure)
                    .as("the failure hit while orders streamed in")
                    .isLessThan(ORDERS);
            assertThat(lost).as("orders without a final decision").isEmpty();
            assertThat(duplicated).as("orders with repeated decisions").isEmpty();
            assertThat(strangers).as("decisions for orders never sent").isEmpty();
            assertThat(oversold)
                    .as(
                            "units granted beyond on-hand minus safety stock, or promised beyond inbound")
                    .isEmpty();
            assertThat(promisedOrders).as("some orders were promised inbound").isPositive();
            assertThat(unknownPositions).as("allocations where there is no stock").isEmpty();
            assertThat(statuses.getOrDefault(DecisionStatus.ROUTED, 0))
                    .as("some orders were routed in full")
                    .isPositive();
            assertThat(
                            statuses.getOrDefault(DecisionStatus.BACKORDERED, 0)
                                    + statuses.getOrDefault(DecisionStatus.PARTIALLY_ROUTED, 0))
                    .as("some orders lost the race")
                    .isPositive();
            assertThat(statuses.getOrDefault(DecisionStatus.REJECTED, 0)).isZero();
        }
    }

    /** Units the standing holds keep (their last event HELD or EXTENDED), by {@code sku|node}. */
    private static Map<String, Long> standingHolds(KafkaTestClient client) {
        Map<String, HoldEvent> last = new HashMap<>();
        for (KeyedValue<HoldEvent> e : client.readAll(Topics.HOLD_EVENTS, Duration.ofMillis(300))) {
            last.put(e.key(), e.value());
        }
        Map<String, Long> held = new TreeMap<>();
        for (HoldEvent e : last.values()) {
            if (e.getType() == HoldEventType.HELD || e.getType() == HoldEventType.EXTENDED) {
                held.merge(
                        Topics.positionKey(e.getSku(), e.getNodeId()),
                        (long) e.getQuantity(),
                        Long::sum);
            }
        }
        return held;
    }

    /** Units of ASNs the orders' current decisions are promised, by {@code sku|node}. */
    private static Map<String, Long> promisedByPosition(
            Map<String, List<RoutingDecision>> byOrder) {
        Map<String, Long> promised = new TreeMap<>();
        for (List<RoutingDecision> decisions : byOrder.values()) {
            for (InboundPromise p : OrderFixtures.latest(decisions).getInboundPromises()) {
                if (p.getReserved()) {
                    promised.merge(
                            Topics.positionKey(p.getSku(), p.getNodeId()),
                            (long) p.getQuantity(),
                            Long::sum);
                }
            }
        }
        return promised;
    }

    private static List<Long> inTransitAtDc(Map<String, Availability> published) {
        List<Long> inTransit = new ArrayList<>();
        for (String sku : SKUS) {
            Availability a = published.get(Topics.positionKey(sku, DC));
            inTransit.add(a == null ? -1 : a.getInTransit());
        }
        return inTransit;
    }

    private static void sendAsn(
            KafkaTestClient client, String sku, int units, long time, long eta) {
        client.send(
                Topics.THREE_PL,
                sku,
                ThreePlEvent.newBuilder()
                        .setEventId("asn-" + sku + "@" + time)
                        .setEventTime(Instant.ofEpochMilli(time))
                        .setSku(sku)
                        .setNodeId(DC)
                        .setType(ThreePlEventType.ASN)
                        .setQuantity(units)
                        .setAsnId("ASN-" + sku)
                        .setEta(Instant.ofEpochMilli(eta))
                        .build(),
                time);
    }

    private static void sendReceipt(KafkaTestClient client, String sku, int units, long time) {
        client.send(
                Topics.WMS,
                sku,
                WmsEvent.newBuilder(
                                wms(WmsEventType.RECEIPT, "receipt-" + sku, time, sku, DC, units))
                        .setAsnId("ASN-" + sku)
                        .build(),
                time);
    }

    private static List<GeneratedRecord> orders(Random random, long firstOrderTime) {
        RoutingPreference[] preferences = RoutingPreference.values();
        List<GeneratedRecord> orders = new ArrayList<>(ORDERS);
        for (int n = 0; n < ORDERS; n++) {
            List<String> skus = new ArrayList<>(SKUS);
            List<OrderLine> lines = new ArrayList<>();
            int lineCount = 1 + random.nextInt(2);
            for (int l = 0; l < lineCount; l++) {
                lines.add(line(skus.remove(random.nextInt(skus.size())), 1 + random.nextInt(3)));
            }
            String orderId = String.format("order-%03d", n);
            long time = firstOrderTime + n * 100L;
            var order =
                    shipToHome(
                                    orderId,
                                    time,
                                    preferences[random.nextInt(preferences.length)],
                                    50.5 + 4 * random.nextDouble(),
                                    -3.5 + 4 * random.nextDouble(),
                                    lines.toArray(OrderLine[]::new))
                            .setShipFromStoreAllowed(random.nextInt(5) != 0)
                            .setAllowFutureSupply(n % 4 == 3)
                            .build();
            orders.add(record(Topics.ORDER_REQUESTS, orderId, order, time));
        }
        return orders;
    }

    private static void sendWms(
            KafkaTestClient client,
            WmsEventType type,
            String eventId,
            long time,
            String sku,
            String nodeId,
            int qty) {
        client.send(Topics.WMS, sku, wms(type, eventId, time, sku, nodeId, qty), time);
    }

    private static List<String> stockMismatches(
            Map<String, Availability> published, Map<String, Long> supply) {
        List<String> mismatches = new ArrayList<>();
        supply.forEach(
                (key, units) -> {
                    Availability a = published.get(key);
                    if (a == null || a.getOnHand() != units) {
                        mismatches.add(key + " " + figures(a) + ", expected onHand " + units);
                    }
                });
        return mismatches;
    }

    private static List<String> availabilityMismatches(
            Map<String, Availability> published,
            Map<String, Long> supply,
            Map<String, Long> allocated,
            Map<String, Long> held,
            Map<String, Long> safetyStock) {
        List<String> mismatches = new ArrayList<>();
        supply.forEach(
                (key, onHand) -> {
                    long reserved = allocated.getOrDefault(key, 0L);
                    long ss = safetyStock.get(nodeOf(key));
                    long holds = held.getOrDefault(key, 0L);
                    String expected =
                            figures(onHand, reserved, Math.max(0, onHand - reserved - holds - ss));
                    Availability a = published.get(key);
                    if (!figures(a).equals(expected)
                            || a.getSafetyStock() != ss
                            || a.getHeld() != holds) {
                        mismatches.add(
                                key + " published " + figures(a) + ", decisions say " + expected);
                    }
                });
        return mismatches;
    }

    private static String nodeOf(String positionKey) {
        return positionKey.substring(positionKey.indexOf('|') + 1);
    }
}
