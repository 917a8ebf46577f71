package io.omnistock.bench.routing;

import io.omnistock.avro.AlertType;
import io.omnistock.avro.OrderRequest;
import io.omnistock.avro.RoutingDecision;
import io.omnistock.avro.SourceSystem;
import io.omnistock.bench.ledger.HeapSkuState;
import io.omnistock.ledger.domain.EventType;
import io.omnistock.ledger.domain.InventoryEvent;
import io.omnistock.ledger.domain.LedgerSettings;
import io.omnistock.ledger.domain.NetworkTotals;
import io.omnistock.ledger.domain.NodeInfo;
import io.omnistock.ledger.domain.Position;
import io.omnistock.ledger.domain.Rejection;
import io.omnistock.ledger.domain.SkuLedger;
import io.omnistock.ledger.domain.StockReply;
import io.omnistock.ledger.domain.StockRequest;
import io.omnistock.ledger.domain.carbon.CarbonFactorTable;
import io.omnistock.ledger.domain.orders.DailyCapacity;
import io.omnistock.ledger.domain.orders.OrderRouting;
import io.omnistock.ledger.domain.orders.OrderState;
import io.omnistock.ledger.domain.orders.OrderValidator;
import io.omnistock.ledger.domain.routing.CapacityView;
import io.omnistock.ledger.domain.routing.Router;
import io.omnistock.ledger.domain.routing.RoutingPolicy;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Order routing end to end in memory, as the ledger tests' {@code OrderFlow} wires it: the real
 * {@link OrderRouting} and the real {@link SkuLedger} rules, one {@link HeapSkuState} per SKU
 * sharing one node map. What travels through Kafka in the job (probes, reservation requests, the
 * ledger's replies) waits in two queues, delivered in order, replies first. Single-threaded.
 */
final class InMemoryOrderFlow {
    private final Map<String, NodeInfo> nodes = new LinkedHashMap<>();
    private final Map<String, HeapSkuState> skus = new HashMap<>();
    private final Map<String, OrderState> orders = new HashMap<>();
    private final ArrayDeque<StockRequest> toLedger = new ArrayDeque<>();
    private final ArrayDeque<StockReply> toRouting = new ArrayDeque<>();
    private final DailyCapacity capacity = new DailyCapacity();
    private final SkuLedger ledger = new SkuLedger(LedgerSettings.defaults());
    private final Router router =
            new Router(RoutingPolicy.defaults(), CarbonFactorTable.loadDefault());
    private final OrderRouting routing =
            new OrderRouting(router, new OrderValidator(LedgerSettings.defaults()), 3);
    private final long nowMillis;
    private final Net net = new Net();
    private final RoutingOut routingOut = new RoutingOut();
    private final LedgerOut ledgerOut = new LedgerOut();

    private RoutingDecision decision;
    private long decidedAtNanos;
    private long eventIds;

    /**
     * @param nowMillis wall-clock time as routing and the ledger see it (orders are before it)
     */
    InMemoryOrderFlow(long nowMillis) {
        this.nowMillis = nowMillis;
    }

    Router router() {
        return router;
    }

    Collection<NodeInfo> nodes() {
        return nodes.values();
    }

    void node(NodeInfo node) {
        nodes.put(node.nodeId, node);
    }

    /** Opening stock: a RECEIPT applied by the SKU's ledger. */
    void stock(String sku, String nodeId, long units, long at) {
        InventoryEvent receipt =
                new InventoryEvent(
                        "receipt-" + ++eventIds,
                        at,
                        sku,
                        nodeId,
                        EventType.RECEIPT,
                        units,
                        SourceSystem.WMS);
        SkuLedger.Outcome outcome =
                ledger.apply(
                        receipt,
                        nodes.get(nodeId),
                        nowMillis,
                        Long.MIN_VALUE,
                        skuState(sku),
                        ledgerOut);
        if (outcome != SkuLedger.Outcome.APPLIED) {
            throw new IllegalStateException("opening stock not applied: " + outcome);
        }
    }

    /**
     * One order from its arrival to its final decision: a PROBE per SKU to the ledger (what {@code
     * ProbeOrderSkusFunction} sends), the order to routing, then every probe answer, RESERVE, grant
     * or refusal and re-plan in between, delivered until nothing is in flight. Routing then forgets
     * the order (the job would keep it until shipped or cancelled; that is not part of a decision).
     *
     * @return the final decision
     */
    RoutingDecision route(OrderRequest order) {
        decision = null;
        net.orderTime = order.getEventTime().toEpochMilli();
        for (String sku : OrderRouting.skusOf(order)) {
            toLedger.add(
                    new StockRequest(
                            order.getEventId(),
                            order.getEventTime().toEpochMilli(),
                            order.getOrderId(),
                            sku,
                            StockRequest.Action.PROBE,
                            0));
        }
        OrderState state = orders.computeIfAbsent(order.getOrderId(), id -> new OrderState());
        routing.onOrder(order, state, net, routingOut);
        while (true) {
            StockReply reply = toRouting.poll();
            if (reply != null) {
                routing.onReply(
                        reply,
                        orders.computeIfAbsent(reply.orderId, id -> new OrderState()),
                        net,
                        routingOut);
                continue;
            }
            StockRequest request = toLedger.poll();
            if (request == null) {
                break;
            }
            ledger.handle(request, skuState(request.sku), ledgerOut);
        }
        orders.remove(order.getOrderId());
        if (decision == null) {
            throw new IllegalStateException("no decision for " + order.getOrderId());
        }
        return decision;
    }

    /** System.nanoTime() when the last decision came out. */
    long decidedAtNanos() {
        return decidedAtNanos;
    }

    private HeapSkuState skuState(String sku) {
        return skus.computeIfAbsent(sku, s -> new HeapSkuState(nodes));
    }

    private final class Net implements OrderRouting.Network {
        /** The time of the order in hand: its capacity day. */
        long orderTime;

        private final CapacityView capacityView = node -> capacity.hasCapacity(node, orderTime);

        @Override
        public NodeInfo node(String nodeId) {
            return nodes.get(nodeId);
        }

        @Override
        public Collection<NodeInfo> nodes() {
            return nodes.values();
        }

        @Override
        public CapacityView capacity() {
            return capacityView;
        }

        @Override
        public void booked(NodeInfo node, long orderTime) {
            capacity.book(node, orderTime);
        }

        @Override
        public long nowMillis() {
            return nowMillis;
        }
    }

    private final class RoutingOut implements OrderRouting.Output {
        @Override
        public void request(StockRequest request) {
            toLedger.add(request);
        }

        @Override
        public void decision(RoutingDecision d) {
            decidedAtNanos = System.nanoTime();
            decision = d;
        }

        @Override
        public void rejected(String eventId, Rejection rejection) {
            throw new IllegalStateException("the benchmark sent a bad order: " + rejection);
        }
    }

    private final class LedgerOut implements SkuLedger.Output {
        @Override
        public void availability(
                String sku,
                String nodeId,
                Position position,
                NodeInfo node,
                long eventTime,
                SourceSystem source,
                String causeEventId) {}

        @Override
        public void network(String sku, NetworkTotals totals, long eventTime) {}

        @Override
        public void discrepancy(
                String sku, String nodeId, long expected, long counted, InventoryEvent count) {}

        @Override
        public void countCompared(InventoryEvent count, NodeInfo node, boolean matched) {}

        @Override
        public void alert(
                String sku,
                String nodeId,
                AlertType type,
                long previousAtp,
                long atp,
                long threshold,
                long eventTime,
                long version) {}

        @Override
        public void rejected(InventoryEvent event, Rejection rejection) {
            throw new IllegalStateException(
                    "the benchmark sent a bad inventory event: " + rejection);
        }

        @Override
        public void reply(StockReply reply) {
            toRouting.add(reply);
        }
    }
}
