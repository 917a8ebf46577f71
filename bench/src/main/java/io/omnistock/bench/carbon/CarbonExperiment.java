package io.omnistock.bench.carbon;

import io.omnistock.avro.NodeRecord;
import io.omnistock.avro.OrderLine;
import io.omnistock.avro.OrderRequest;
import io.omnistock.avro.RoutingPreference;
import io.omnistock.avro.ThreePlEvent;
import io.omnistock.avro.ThreePlEventType;
import io.omnistock.avro.WmsEvent;
import io.omnistock.avro.WmsEventType;
import io.omnistock.contracts.DecodeException;
import io.omnistock.contracts.Topics;
import io.omnistock.domain.carbon.CarbonFactorTable;
import io.omnistock.domain.planning.CapacityView;
import io.omnistock.domain.planning.FulfilmentPlan;
import io.omnistock.domain.planning.GeoPoint;
import io.omnistock.domain.planning.Leg;
import io.omnistock.domain.planning.LineAllocation;
import io.omnistock.domain.planning.Order;
import io.omnistock.domain.planning.PlanGenerator;
import io.omnistock.domain.planning.PlannedLine;
import io.omnistock.domain.planning.Router;
import io.omnistock.domain.planning.RoutingPlan;
import io.omnistock.domain.planning.RoutingPolicy;
import io.omnistock.domain.planning.ScoreWeights;
import io.omnistock.domain.planning.ScoredPlan;
import io.omnistock.domain.planning.StockView;
import io.omnistock.engine.functions.InventoryEventMapper;
import io.omnistock.generator.GeneratedRecord;
import io.omnistock.generator.NetworkConfig;
import io.omnistock.generator.OrderGenerator;
import io.omnistock.generator.RetailEventGenerator;
import io.omnistock.generator.RetailNetwork;
import io.omnistock.ledger.domain.NodeInfo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The carbon experiment: one seeded order stream over a generated network, routed through the
 * domain {@link Router} once per policy, each policy from the same opening stock, and what each
 * policy's choices add up to (kg CO2e, on-time share against the promise, cost, splits, units). A
 * scoring experiment: no Kafka, no Flink, no clock.
 *
 * <p>Stock: the opening count of every SKU x node (the generator's first-hour cycle counts and the
 * 3PLs' first snapshots); ATP = max(0, on-hand - safety stock). Each routed allocation takes its
 * units off that policy's copy of the stock; nothing is replenished, sold or returned, so every
 * policy sees the same world but its own earlier choices. Daily order capacity is booked per node
 * per UTC day. Orders: the valid orders of the stream (duplicates and malformed records left out),
 * in arrival order.
 */
public final class CarbonExperiment {

    /** How one run routes every order. */
    public enum Policy {
        /**
         * The decision's own cost-only baseline: most units, then keeping the promise, then
         * cheapest.
         */
        COST_ONLY("cost-only", null),
        /**
         * Cost only, blind to the promise: most units, then cheapest, whether or not it arrives in
         * time (the decision's baseline before routing judged speed against the promise).
         */
        COST_ONLY_PROMISE_BLIND("cost-only, promise-blind", null),
        /** Every order with its own preference from the stream (the demo's mix). */
        AS_ORDERED("as ordered", null),
        BALANCED("BALANCED", RoutingPreference.BALANCED),
        GREENEST("GREENEST", RoutingPreference.GREENEST),
        FASTEST("FASTEST", RoutingPreference.FASTEST),
        /**
         * The least CO2e the engine's model allows while keeping the promise: every order ranked as
         * usual (most units, then on time first) but by carbon alone (weights 0, 0, 1): a bound,
         * not a policy anyone asks for.
         */
        CARBON_ONLY("carbon only (bound)", RoutingPreference.GREENEST);

        public final String label;
        final RoutingPreference preference;

        Policy(String label, RoutingPreference preference) {
            this.label = label;
            this.preference = preference;
        }
    }

    /**
     * What one policy did with one order.
     *
     * @param allocations the chosen plan per shipment and line; empty when nothing was allocated
     * @param baselineCo2eKg CO2e of the decision's own cost-only baseline; null when unrouted
     * @param baselineCost cost of that baseline; null when unrouted
     */
    public record Outcome(
            String orderId,
            long promiseBy,
            int unitsOrdered,
            List<LineAllocation> allocations,
            Double baselineCo2eKg,
            Double baselineCost) {}

    /** One policy's outcomes, in order. */
    public record Run(Policy policy, List<Outcome> outcomes) {}

    private final List<NodeInfo> nodes;
    private final Map<String, NodeInfo> nodesById = new LinkedHashMap<>();
    private final Map<String, Long> openingAtp;
    private final List<OrderRequest> orders;
    private final Router router;
    private final Router carbonOnly;
    private final PlanGenerator generator;

    CarbonExperiment(
            List<NodeInfo> nodes,
            Map<String, Long> openingAtp,
            List<OrderRequest> orders,
            RoutingPolicy policy) {
        this.nodes = List.copyOf(nodes);
        nodes.forEach(n -> nodesById.put(n.nodeId, n));
        this.openingAtp = Map.copyOf(openingAtp);
        this.orders = List.copyOf(orders);
        CarbonFactorTable carbon = CarbonFactorTable.loadDefault();
        this.router = new Router(policy, carbon);
        this.generator = new PlanGenerator(router.shipmentModel(), policy.anchorLimit());
        this.carbonOnly =
                new Router(
                        policy.withWeights(RoutingPreference.GREENEST, new ScoreWeights(0, 0, 1)),
                        carbon);
    }

    /**
     * The experiment over a generated network: its nodes, its opening stock and its first {@code
     * maxOrders} valid orders, routed with the engine's default policy.
     */
    public static CarbonExperiment generated(NetworkConfig config, int maxOrders) {
        RetailNetwork network = RetailNetwork.build(config);
        List<NodeInfo> nodes = new ArrayList<>();
        for (NodeRecord record : network.nodes()) {
            nodes.add(InventoryEventMapper.fromNode(record));
        }
        Map<String, Long> safety = new HashMap<>();
        nodes.forEach(n -> safety.put(n.nodeId, n.safetyStock));
        return new CarbonExperiment(
                nodes,
                openingAtp(config, safety),
                validOrders(config, maxOrders),
                RoutingPolicy.defaults());
    }

    public int orderCount() {
        return orders.size();
    }

    /** The network's nodes, as routing sees them. */
    public List<NodeInfo> nodes() {
        return nodes;
    }

    /** The valid orders of the stream, in arrival order. */
    public List<OrderRequest> orders() {
        return orders;
    }

    /** Units of every SKU x node at the start ({@code sku|node} -> ATP). */
    public Map<String, Long> openingAtp() {
        return openingAtp;
    }

    /** Routes every order under each policy, each from the opening stock. */
    public List<Run> runAll() {
        List<Run> runs = new ArrayList<>();
        for (Policy policy : Policy.values()) {
            runs.add(run(policy));
        }
        return runs;
    }

    /** Routes every order under one policy, from the opening stock. */
    public Run run(Policy policy) {
        Map<String, Long> atp = new HashMap<>(openingAtp);
        Map<String, Integer> booked = new HashMap<>();
        List<Outcome> outcomes = new ArrayList<>(orders.size());
        for (OrderRequest request : orders) {
            Order order = order(request, policy.preference);
            long day = Math.floorDiv(order.orderTime(), 86_400_000L);
            Router routing = policy == Policy.CARBON_ONLY ? carbonOnly : router;
            StockView stock = (sku, nodeId) -> atp.getOrDefault(key(sku, nodeId), 0L);
            CapacityView capacity =
                    node ->
                            node.dailyOrderCapacity <= 0
                                    || booked.getOrDefault(day + "|" + node.nodeId, 0)
                                            < node.dailyOrderCapacity;
            RoutingPlan plan =
                    routing.planWithoutAlternatives(
                            order, nodes, stock, capacity, router.policy().maxSplit());
            FulfilmentPlan chosen =
                    switch (policy) {
                        case COST_ONLY -> planOf(plan.costOnlyBaseline());
                        case COST_ONLY_PROMISE_BLIND ->
                                cheapestWhateverThePromise(order, stock, capacity);
                        default -> planOf(plan.chosen());
                    };
            List<LineAllocation> allocations =
                    chosen == null ? List.of() : chosen.lineAllocations();
            for (LineAllocation a : allocations) {
                atp.merge(key(a.sku(), a.nodeId()), (long) -a.quantity(), Long::sum);
            }
            if (chosen != null) {
                for (String nodeId : chosen.nodeIds()) {
                    booked.merge(day + "|" + nodeId, 1, Integer::sum);
                }
            }
            ScoredPlan baseline = plan.costOnlyBaseline();
            outcomes.add(
                    new Outcome(
                            order.orderId(),
                            order.promiseBy(),
                            order.unitsOrdered(),
                            allocations,
                            baseline == null ? null : baseline.co2eKg(),
                            baseline == null ? null : baseline.cost()));
        }
        return new Run(policy, outcomes);
    }

    private static FulfilmentPlan planOf(ScoredPlan scored) {
        return scored == null ? null : scored.plan();
    }

    /** The cheapest of the plans with the most units, whatever their ETA; null when none. */
    private FulfilmentPlan cheapestWhateverThePromise(
            Order order, StockView stock, CapacityView capacity) {
        List<Leg> legs = new ArrayList<>();
        for (NodeInfo node : router.filter().eligible(order, nodes, capacity)) {
            legs.add(router.shipmentModel().leg(order, node));
        }
        return generator.plans(order, legs, stock, router.policy().maxSplit()).stream()
                .min(
                        Comparator.comparingInt(FulfilmentPlan::unitsAllocated)
                                .reversed()
                                .thenComparingDouble(FulfilmentPlan::cost)
                                .thenComparingInt(FulfilmentPlan::shipmentCount)
                                .thenComparing(FulfilmentPlan::allocationKey))
                .orElse(null);
    }

    static String key(String sku, String nodeId) {
        return sku + "|" + nodeId;
    }

    /** The order as routing sees it, with the policy's preference (null: the order's own). */
    public static Order order(OrderRequest r, RoutingPreference preference) {
        Map<String, Integer> lines = new LinkedHashMap<>();
        for (OrderLine line : r.getLines()) {
            lines.merge(line.getSku(), line.getQuantity(), Integer::sum);
        }
        List<PlannedLine> planned = new ArrayList<>();
        lines.forEach((sku, qty) -> planned.add(new PlannedLine(sku, qty)));
        GeoPoint destination =
                r.getDestinationLatitude() == null || r.getDestinationLongitude() == null
                        ? null
                        : new GeoPoint(r.getDestinationLatitude(), r.getDestinationLongitude());
        return new Order(
                r.getOrderId(),
                r.getEventTime().toEpochMilli(),
                r.getChannel(),
                planned,
                r.getMethod(),
                r.getShipFromStoreAllowed(),
                destination,
                r.getPickupNodeId(),
                r.getPromiseBy().toEpochMilli(),
                preference == null ? r.getPreference() : preference);
    }

    /**
     * ATP per SKU x node from the first count of each position: the opening cycle counts (first
     * hour) and the 3PLs' first snapshots (as of the start, delivered up to the generator's largest
     * arrival delay later).
     */
    private static Map<String, Long> openingAtp(NetworkConfig config, Map<String, Long> safety) {
        long start = config.start().toEpochMilli();
        long readUntil = start + NetworkConfig.MAX_ARRIVAL_DELAY.toMillis() + 3_600_000L;
        Map<String, Long> onHand = new HashMap<>();
        Iterator<GeneratedRecord> records = RetailEventGenerator.stream(config);
        while (records.hasNext()) {
            GeneratedRecord r = records.next();
            if (r.timestamp() > readUntil) {
                break;
            }
            if (r.kind() != GeneratedRecord.Kind.VALID) {
                continue;
            }
            try {
                if (r.topic().equals(Topics.WMS.name())) {
                    WmsEvent e = Topics.WMS.codec().decode(r.value());
                    if (e.getType() == WmsEventType.CYCLE_COUNT
                            && e.getEventTime().toEpochMilli() < start + 3_600_000L) {
                        onHand.putIfAbsent(key(e.getSku(), e.getNodeId()), (long) e.getQuantity());
                    }
                } else if (r.topic().equals(Topics.THREE_PL.name())) {
                    ThreePlEvent e = Topics.THREE_PL.codec().decode(r.value());
                    if (e.getType() == ThreePlEventType.SNAPSHOT
                            && e.getEventTime().toEpochMilli() == start) {
                        onHand.putIfAbsent(key(e.getSku(), e.getNodeId()), (long) e.getQuantity());
                    }
                }
            } catch (DecodeException e) {
                throw new IllegalStateException("a valid generated record did not decode", e);
            }
        }
        Map<String, Long> atp = new HashMap<>();
        onHand.forEach(
                (key, units) -> {
                    String nodeId = key.substring(key.indexOf('|') + 1);
                    atp.put(key, Math.max(0, units - safety.getOrDefault(nodeId, 0L)));
                });
        return atp;
    }

    private static List<OrderRequest> validOrders(NetworkConfig config, int maxOrders) {
        List<OrderRequest> orders = new ArrayList<>();
        Iterator<GeneratedRecord> records = OrderGenerator.stream(config);
        while (records.hasNext() && orders.size() < maxOrders) {
            GeneratedRecord r = records.next();
            if (r.kind() != GeneratedRecord.Kind.VALID
                    || !r.topic().equals(Topics.ORDER_REQUESTS.name())) {
                continue;
            }
            try {
                orders.add(Topics.ORDER_REQUESTS.codec().decode(r.value()));
            } catch (DecodeException e) {
                throw new IllegalStateException("a valid generated order did not decode", e);
            }
        }
        return orders;
    }
}
