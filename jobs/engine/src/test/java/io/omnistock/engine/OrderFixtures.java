package io.omnistock.engine;

import io.omnistock.avro.Allocation;
import io.omnistock.avro.Availability;
import io.omnistock.avro.DecisionStatus;
import io.omnistock.avro.FulfilmentMethod;
import io.omnistock.avro.LifecycleType;
import io.omnistock.avro.NodeRecord;
import io.omnistock.avro.NodeStatus;
import io.omnistock.avro.NodeType;
import io.omnistock.avro.OrderLifecycleEvent;
import io.omnistock.avro.OrderLine;
import io.omnistock.avro.OrderRequest;
import io.omnistock.avro.RoutingDecision;
import io.omnistock.avro.RoutingPreference;
import io.omnistock.avro.WmsEvent;
import io.omnistock.avro.WmsEventType;
import io.omnistock.contracts.TopicSpec;
import io.omnistock.contracts.Topics;
import io.omnistock.generator.GeneratedRecord;
import io.omnistock.generator.GeneratedRun;
import io.omnistock.generator.NetworkConfig;
import io.omnistock.generator.OrderGenerator;
import io.omnistock.testing.Await;
import io.omnistock.testing.KafkaTestClient;
import io.omnistock.testing.KeyedValue;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.specific.SpecificRecord;

/**
 * Builders of the routing tests' input records (nodes, stock, orders, lifecycle events) and readers
 * of what the ledger job published, as a consumer of the contract sees it.
 */
final class OrderFixtures {
    /** Promise of every test order: well after any ETA, so no plan is late. */
    static final Duration PROMISE = Duration.ofDays(3);

    /** Degrees of latitude per km along a meridian, on the 6371 km sphere routing uses. */
    static double kmNorth(double latitude, double km) {
        return latitude + Math.toDegrees(km / 6371.0);
    }

    static NodeRecord node(
            String nodeId,
            NodeType type,
            double latitude,
            double longitude,
            int safetyStock,
            double handlingCost,
            NodeStatus status,
            long time,
            FulfilmentMethod... methods) {
        return NodeRecord.newBuilder()
                .setEventId("node-" + nodeId + "@" + time)
                .setEventTime(Instant.ofEpochMilli(time))
                .setNodeId(nodeId)
                .setName(nodeId)
                .setType(type)
                .setLatitude(latitude)
                .setLongitude(longitude)
                .setRegion("UK")
                .setDailyOrderCapacity(0) // unlimited
                .setHandlingCost(handlingCost)
                .setFulfilmentMethods(Arrays.asList(methods))
                .setSafetyStock(safetyStock)
                .setStatus(status)
                .build();
    }

    /** The same node with another status, stamped later. */
    static NodeRecord withStatus(NodeRecord node, NodeStatus status, long time) {
        return NodeRecord.newBuilder(node)
                .setEventId("node-" + node.getNodeId() + "@" + time)
                .setEventTime(Instant.ofEpochMilli(time))
                .setStatus(status)
                .build();
    }

    static WmsEvent wms(
            WmsEventType type, String eventId, long time, String sku, String nodeId, int qty) {
        return WmsEvent.newBuilder()
                .setEventId(eventId)
                .setEventTime(Instant.ofEpochMilli(time))
                .setSku(sku)
                .setNodeId(nodeId)
                .setType(type)
                .setQuantity(qty)
                .build();
    }

    /** Sends a WMS stock event (event id {@code stock-<sku>-<node>}) at {@code time}. */
    static void stock(
            KafkaTestClient client,
            WmsEventType type,
            String sku,
            String nodeId,
            int units,
            long time) {
        client.send(
                Topics.WMS,
                sku,
                wms(type, "stock-" + sku + "-" + nodeId, time, sku, nodeId, units),
                time);
    }

    static OrderLine line(String sku, int quantity) {
        return new OrderLine(sku, quantity);
    }

    /** A SHIP_TO_HOME order to a destination, ship-from-store allowed, promised in 3 days. */
    static OrderRequest.Builder shipToHome(
            String orderId,
            long time,
            RoutingPreference preference,
            double latitude,
            double longitude,
            OrderLine... lines) {
        return OrderRequest.newBuilder()
                .setEventId("req-" + orderId)
                .setEventTime(Instant.ofEpochMilli(time))
                .setOrderId(orderId)
                .setChannel("WEB")
                .setLines(new ArrayList<>(Arrays.asList(lines)))
                .setMethod(FulfilmentMethod.SHIP_TO_HOME)
                .setShipFromStoreAllowed(true)
                .setDestinationLatitude(latitude)
                .setDestinationLongitude(longitude)
                .setPostalCode("EC1A 1BB")
                .setPickupNodeId(null)
                .setPromiseBy(Instant.ofEpochMilli(time + PROMISE.toMillis()))
                .setPreference(preference)
                .setRegion("UK");
    }

    static OrderLifecycleEvent lifecycle(
            String eventId, long time, String orderId, LifecycleType type) {
        return OrderLifecycleEvent.newBuilder()
                .setEventId(eventId)
                .setEventTime(Instant.ofEpochMilli(time))
                .setOrderId(orderId)
                .setType(type)
                .build();
    }

    /** A valid record for the generator's (pacing) publisher. */
    static <V extends SpecificRecord> GeneratedRecord record(
            TopicSpec<V> topic, String key, V value, long time) {
        return new GeneratedRecord(
                topic.name(),
                key,
                topic.codec().encode(value),
                time,
                GeneratedRecord.Kind.VALID,
                null,
                time);
    }

    /**
     * The config's valid order requests, without their lifecycle events: shipping would commit
     * units behind the reference ledger's back, so on-hand stays the reference's and reserved is
     * exactly what the decisions allocate.
     */
    static List<GeneratedRecord> validOrderRequests(NetworkConfig config) {
        return OrderGenerator.generate(config).stream()
                .filter(r -> r.topic().equals(Topics.ORDER_REQUESTS.name()))
                .filter(r -> r.kind() == GeneratedRecord.Kind.VALID)
                .toList();
    }

    /** The run's records and {@code orders} in one arrival order (orders never run ahead). */
    static List<GeneratedRecord> interleaved(GeneratedRun run, List<GeneratedRecord> orders) {
        List<GeneratedRecord> records = new ArrayList<>();
        OrderGenerator.interleave(run.records().iterator(), orders.iterator())
                .forEachRemaining(records::add);
        return records;
    }

    static boolean isFinal(RoutingDecision d) {
        return d.getStatus() != DecisionStatus.RE_ROUTED;
    }

    /** Every decision published, by order id (in offset order). */
    static Map<String, List<RoutingDecision>> decisionsByOrder(
            List<KeyedValue<RoutingDecision>> records) {
        Map<String, List<RoutingDecision>> byOrder = new TreeMap<>();
        for (KeyedValue<RoutingDecision> r : records) {
            byOrder.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r.value());
        }
        return byOrder;
    }

    /** The order's current decision: its highest revision. */
    static RoutingDecision latest(List<RoutingDecision> decisions) {
        return decisions.stream()
                .max(Comparator.comparingInt(RoutingDecision::getRevision))
                .orElseThrow();
    }

    /** Units the orders' current decisions hold, by {@code sku|node}. */
    static Map<String, Long> allocatedByPosition(Map<String, List<RoutingDecision>> byOrder) {
        Map<String, Long> held = new TreeMap<>();
        for (List<RoutingDecision> decisions : byOrder.values()) {
            for (Allocation a : latest(decisions).getAllocations()) {
                held.merge(
                        Topics.positionKey(a.getSku(), a.getNodeId()),
                        (long) a.getQuantity(),
                        Long::sum);
            }
        }
        return held;
    }

    /** What a consumer keeping the highest version per key holds of the availability topic. */
    static Map<String, Availability> latestAvailability(KafkaTestClient client) {
        Map<String, Availability> latest = new LinkedHashMap<>();
        for (KeyedValue<Availability> r :
                client.readAll(Topics.AVAILABILITY, Duration.ofMillis(300))) {
            latest.merge(r.key(), r.value(), (a, b) -> b.getVersion() > a.getVersion() ? b : a);
        }
        return latest;
    }

    /** {@code onHand/reserved/atp} of a position, for readable comparisons. */
    static String figures(Availability a) {
        return a == null
                ? "none"
                : "onHand "
                        + a.getOnHand()
                        + ", reserved "
                        + a.getReserved()
                        + ", atp "
                        + a.getAtp();
    }

    static String figures(long onHand, long reserved, long atp) {
        return "onHand " + onHand + ", reserved " + reserved + ", atp " + atp;
    }

    /** The figures of these positions as published now, by key. */
    static Map<String, String> figuresOf(KafkaTestClient client, List<String> keys) {
        Map<String, Availability> latest = latestAvailability(client);
        Map<String, String> figures = new HashMap<>();
        for (String key : keys) {
            figures.put(key, figures(latest.get(key)));
        }
        return figures;
    }

    /** Waits until these positions are published with these figures. */
    static void awaitFigures(KafkaTestClient client, Map<String, String> expected)
            throws Exception {
        Await.until(
                "availability " + expected,
                () -> figuresOf(client, List.copyOf(expected.keySet())),
                expected::equals,
                ReferenceCheck.DEADLINE);
    }

    private OrderFixtures() {}
}
