package io.omnistock.domain.orders;

import static org.assertj.core.api.Assertions.assertThat;

import io.omnistock.avro.AlertType;
import io.omnistock.avro.DeadLetterReason;
import io.omnistock.avro.DecisionStatus;
import io.omnistock.avro.FulfilmentMethod;
import io.omnistock.avro.LifecycleType;
import io.omnistock.avro.NodeStatus;
import io.omnistock.avro.NodeType;
import io.omnistock.avro.OrderLifecycleEvent;
import io.omnistock.avro.OrderLine;
import io.omnistock.avro.OrderRequest;
import io.omnistock.avro.ReturnDisposition;
import io.omnistock.avro.RoutingDecision;
import io.omnistock.avro.RoutingPreference;
import io.omnistock.avro.SourceSystem;
import io.omnistock.domain.carbon.CarbonFactorTable;
import io.omnistock.domain.holds.HoldCommand;
import io.omnistock.domain.holds.HoldOutcome;
import io.omnistock.domain.inventory.AvailabilityChange;
import io.omnistock.domain.inventory.CountDiscrepancy;
import io.omnistock.domain.inventory.EventType;
import io.omnistock.domain.inventory.GroupTotals;
import io.omnistock.domain.inventory.InMemoryHolds;
import io.omnistock.domain.inventory.InMemorySkuState;
import io.omnistock.domain.inventory.InventoryEvent;
import io.omnistock.domain.inventory.LedgerSettings;
import io.omnistock.domain.inventory.NetworkTotals;
import io.omnistock.domain.inventory.Position;
import io.omnistock.domain.inventory.ProjectedStockout;
import io.omnistock.domain.inventory.Rejection;
import io.omnistock.domain.inventory.SkuLedger;
import io.omnistock.domain.inventory.StockAlert;
import io.omnistock.domain.planning.CapacityView;
import io.omnistock.domain.planning.GeoPoint;
import io.omnistock.domain.planning.Router;
import io.omnistock.domain.planning.RoutingPolicy;
import io.omnistock.domain.returns.Returns;
import io.omnistock.ledger.domain.NodeInfo;
import io.omnistock.ledger.domain.NodeUnits;
import io.omnistock.ledger.domain.Reservation;
import io.omnistock.ledger.domain.StockReply;
import io.omnistock.ledger.domain.StockRequest;
import io.omnistock.ledger.domain.orders.OrderState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Order routing end to end in memory: the real {@link OrderRouting} and the real {@link SkuLedger}
 * rules, one {@link InMemorySkuState} per SKU sharing one node map. What travels through Kafka in
 * the job (probes, reservation requests, the ledger's replies) waits in two queues that the test
 * delivers from, in order ({@link #run()}), holding some back ({@link #runHolding}) or interleaved
 * at random ({@link #deliverAnyRequest}, {@link #deliverAnyReply}).
 *
 * <p>Not a mock: every probe, grant, refusal, release, commit and re-route is decided by the
 * ledger's rules on the ledger's state.
 *
 * <p>The routing benchmark (module bench, through this module's test-jar) drives an {@link
 * #unrecorded} flow with {@link #route}: the same wiring, without the records and checks a test
 * needs, so that what it measures is the rules.
 */
public final class OrderFlow {
    static final Instant DAY = Instant.parse("2026-03-02T00:00:00Z");

    /** Orders are placed at 08:00 on the test day. */
    static final long ORDER_TIME = at(8, 0);

    /** Far enough after the test day that no test event is in the future. */
    static final long NOW = DAY.plus(Duration.ofDays(365)).toEpochMilli();

    /** Where parcels go; nodes sit a round number of km due north. */
    static final GeoPoint CUSTOMER = new GeoPoint(52.0, 0.0);

    static final Set<DecisionStatus> FINAL =
            EnumSet.of(
                    DecisionStatus.ROUTED,
                    DecisionStatus.PARTIALLY_ROUTED,
                    DecisionStatus.BACKORDERED,
                    DecisionStatus.REJECTED);

    private static final double KM_PER_DEGREE = GeoPoint.EARTH_RADIUS_KM * Math.PI / 180.0;
    private static final AtomicLong IDS = new AtomicLong();

    record DeadLetter(String eventId, DeadLetterReason reason, String message) {}

    record Alert(String sku, String nodeId, AlertType type) {}

    public final Map<String, NodeInfo> nodes = new LinkedHashMap<>();
    final Map<String, InMemorySkuState> skus = new LinkedHashMap<>();

    /** Each SKU's standing holds. */
    final Map<String, InMemoryHolds> holds = new LinkedHashMap<>();

    /** Every hold outcome the ledgers published, in order. */
    public final List<HoldOutcome> holdOutcomes = new ArrayList<>();

    final Map<String, OrderState> orders = new LinkedHashMap<>();

    final List<RoutingDecision> decisions = new ArrayList<>();
    final List<DeadLetter> deadLetters = new ArrayList<>();
    final List<Alert> alerts = new ArrayList<>();
    final List<StockRequest> sentToLedger = new ArrayList<>();
    final List<StockReply> sentToRouting = new ArrayList<>();

    /** In flight to the SKUs' ledgers, oldest first. */
    final List<StockRequest> toLedger = new ArrayList<>();

    /** In flight to routing, oldest first. */
    final List<StockReply> toRouting = new ArrayList<>();

    final DailyCapacity capacity = new DailyCapacity();
    final OrderRouting routing;
    private final Router router;

    /**
     * False for a flow that keeps none of what comes out (decisions, requests, replies, dead
     * letters, alerts: see {@link #unrecorded}) and does not check the grant rule on delivery.
     */
    private final boolean recording;

    private RoutingDecision latestDecision;
    private long decidedAtNanos;

    /** ROUTE requests for single-SKU orders instead of probes (the single-SKU fast path). */
    private final boolean singleSkuFastPath;

    /** The order each ROUTE request in flight carries (its record does, in the job). */
    private final Map<StockRequest, OrderRequest> routeOrders = new IdentityHashMap<>();

    private final SkuLedger ledger;
    private final LedgerOut ledgerOut = new LedgerOut();
    private final RoutingOut routingOut = new RoutingOut();
    private final Net net = new Net();

    OrderFlow(int maxAttempts) {
        this(maxAttempts, true, false);
    }

    /** A flow whose single-SKU orders take the fast path (README, routing). */
    static OrderFlow withSingleSkuFastPath(int maxAttempts) {
        return new OrderFlow(maxAttempts, true, true);
    }

    private OrderFlow(int maxAttempts, boolean recording, boolean singleSkuFastPath) {
        this.recording = recording;
        this.singleSkuFastPath = singleSkuFastPath;
        router = new Router(RoutingPolicy.defaults(), CarbonFactorTable.loadDefault());
        ledger = new SkuLedger(LedgerSettings.defaults(), Returns.defaults(), router);
        routing =
                new OrderRouting(
                        router, new OrderValidator(LedgerSettings.defaults()), maxAttempts);
    }

    /**
     * A flow for a benchmark: it keeps only the latest decision, checks nothing as it delivers, and
     * throws where a test flow records a dead letter. Drive it with {@link #route}.
     */
    public static OrderFlow unrecorded(int maxAttempts) {
        return unrecorded(maxAttempts, false);
    }

    /** As {@link #unrecorded(int)}, single-SKU orders on the fast path when asked. */
    public static OrderFlow unrecorded(int maxAttempts, boolean singleSkuFastPath) {
        return new OrderFlow(maxAttempts, false, singleSkuFastPath);
    }

    // --- vocabulary ---

    /** Event time at hh:mm on the test day. */
    static long at(int hour, int minute) {
        return DAY.plus(Duration.ofHours(hour).plusMinutes(minute)).toEpochMilli();
    }

    static GeoPoint kmNorth(double km) {
        return new GeoPoint(CUSTOMER.latitude() + km / KM_PER_DEGREE, CUSTOMER.longitude());
    }

    /** A DC shipping to home, this far north of the customer, handling 1.00. */
    static NodeInfo dc(String id, double km) {
        return node(id, NodeType.DC, km, 1.00, FulfilmentMethod.SHIP_TO_HOME);
    }

    static NodeInfo node(
            String id, NodeType type, double km, double handlingCost, FulfilmentMethod... methods) {
        GeoPoint at = kmNorth(km);
        return new NodeInfo(id, type, NodeStatus.OPEN, 0)
                .located(at.latitude(), at.longitude(), "EAST", 0, handlingCost, List.of(methods));
    }

    static OrderLine line(String sku, int quantity) {
        return new OrderLine(sku, quantity);
    }

    /** SHIP_TO_HOME to {@link #CUSTOMER} at 08:00, promised in 48 h, BALANCED, a fresh event id. */
    static OrderRequest.Builder order(String orderId, OrderLine... lines) {
        return OrderRequest.newBuilder()
                .setEventId("order-" + orderId + "-" + IDS.incrementAndGet())
                .setEventTime(Instant.ofEpochMilli(ORDER_TIME))
                .setOrderId(orderId)
                .setChannel("WEB")
                .setLines(new ArrayList<>(List.of(lines)))
                .setMethod(FulfilmentMethod.SHIP_TO_HOME)
                .setShipFromStoreAllowed(true)
                .setDestinationLatitude(CUSTOMER.latitude())
                .setDestinationLongitude(CUSTOMER.longitude())
                .setPromiseBy(Instant.ofEpochMilli(ORDER_TIME + Duration.ofHours(48).toMillis()))
                .setPreference(RoutingPreference.BALANCED)
                .setRegion("EAST");
    }

    static OrderLifecycleEvent lifecycle(String orderId, LifecycleType type, long at) {
        return OrderLifecycleEvent.newBuilder()
                .setEventId("lifecycle-" + orderId + "-" + IDS.incrementAndGet())
                .setEventTime(Instant.ofEpochMilli(at))
                .setOrderId(orderId)
                .setType(type)
                .build();
    }

    static Predicate<StockRequest> reservesOfAttempt(int attempt) {
        return r -> r.action == StockRequest.Action.RESERVE && r.attempt == attempt;
    }

    static Predicate<StockRequest> actions(StockRequest.Action action) {
        return r -> r.action == action;
    }

    // --- the network and its stock ---

    public OrderFlow node(NodeInfo node) {
        nodes.put(node.nodeId, node);
        return this;
    }

    /** Opening stock: a receipt at 06:00. */
    OrderFlow stock(String sku, String nodeId, long units) {
        inventory(EventType.RECEIPT, sku, nodeId, units, at(6, 0));
        return this;
    }

    SkuLedger.Outcome sale(String sku, String nodeId, long units, long at) {
        return inventory(EventType.SALE, sku, nodeId, units, at);
    }

    SkuLedger.Outcome count(String sku, String nodeId, long units, long asOf) {
        return inventory(EventType.CYCLE_COUNT, sku, nodeId, units, asOf);
    }

    /** An ASN: {@code units} expected at the node by {@code eta}. */
    SkuLedger.Outcome asn(String sku, String nodeId, String asnId, long units, long at, long eta) {
        InventoryEvent e =
                new InventoryEvent(
                                "asn-" + IDS.incrementAndGet(),
                                at,
                                sku,
                                nodeId,
                                EventType.ASN,
                                units,
                                SourceSystem.THREE_PL)
                        .withReference(asnId)
                        .withEta(eta);
        return ledger.apply(e, nodes.get(nodeId), NOW, Long.MIN_VALUE, ledgerState(sku), ledgerOut);
    }

    /** A receipt of {@code units} against an ASN at the node. */
    SkuLedger.Outcome receiptAgainst(String sku, String nodeId, String asnId, long units, long at) {
        InventoryEvent e =
                new InventoryEvent(
                                "receipt-" + IDS.incrementAndGet(),
                                at,
                                sku,
                                nodeId,
                                EventType.RECEIPT,
                                units,
                                SourceSystem.THREE_PL)
                        .withReference(asnId);
        return ledger.apply(e, nodes.get(nodeId), NOW, Long.MIN_VALUE, ledgerState(sku), ledgerOut);
    }

    public SkuLedger.Outcome inventory(
            EventType type, String sku, String nodeId, long units, long at) {
        InventoryEvent e =
                new InventoryEvent(
                        type.name().toLowerCase() + "-" + IDS.incrementAndGet(),
                        at,
                        sku,
                        nodeId,
                        type,
                        units,
                        SourceSystem.WMS);
        return ledger.apply(e, nodes.get(nodeId), NOW, Long.MIN_VALUE, ledgerState(sku), ledgerOut);
    }

    /** The node's status changes; every SKU's ledger hears of it (as the broadcast does). */
    void changeStatus(String nodeId, NodeStatus status, long at) {
        NodeInfo node = nodes.get(nodeId);
        node.status = status;
        for (Map.Entry<String, InMemorySkuState> sku : skus.entrySet()) {
            ledger.nodeChanged(sku.getKey(), node, at, "node-" + nodeId, sku.getValue(), ledgerOut);
        }
    }

    // --- orders in ---

    /**
     * One order from its arrival to its final decision: placed, then everything in flight delivered
     * ({@link #run()}); routing then forgets the order (the job would keep it until shipped or
     * cancelled: not part of a decision).
     *
     * @return the latest decision, which {@link #decidedAtNanos()} timed
     * @throws IllegalStateException if the order got no decision
     */
    public RoutingDecision route(OrderRequest order) {
        latestDecision = null;
        place(order);
        run();
        orders.remove(order.getOrderId());
        if (latestDecision == null) {
            throw new IllegalStateException("no decision for " + order.getOrderId());
        }
        return latestDecision;
    }

    /** System.nanoTime() when the latest decision came out. */
    public long decidedAtNanos() {
        return decidedAtNanos;
    }

    public Router router() {
        return router;
    }

    /** The order reaches the probe function and routing at once; nothing is delivered yet. */
    OrderRouting.Outcome place(OrderRequest order) {
        probe(order);
        return receive(order);
    }

    OrderRouting.Outcome place(OrderRequest.Builder order) {
        return place(order.build());
    }

    /**
     * What {@code ProbeOrderSkusFunction} sends: one PROBE per SKU of the order, or one ROUTE
     * carrying a single-SKU order on the fast path.
     */
    void probe(OrderRequest order) {
        Set<String> skus = OrderRouting.skusOf(order.getLines());
        if (singleSkuFastPath && skus.size() == 1) {
            StockRequest route =
                    new StockRequest(
                            order.getEventId(),
                            order.getEventTime().toEpochMilli(),
                            order.getOrderId(),
                            skus.iterator().next(),
                            StockRequest.Action.ROUTE,
                            0);
            // a copy, as the record on its way to the ledger is (routing merges the lines)
            routeOrders.put(route, OrderRequest.newBuilder(order).build());
            toLedger.add(route);
            return;
        }
        for (String sku : skus) {
            toLedger.add(
                    new StockRequest(
                            order.getEventId(),
                            order.getEventTime().toEpochMilli(),
                            order.getOrderId(),
                            sku,
                            StockRequest.Action.PROBE,
                            0));
        }
    }

    /** The order itself reaches routing. */
    OrderRouting.Outcome receive(OrderRequest order) {
        return routing.onOrder(order, orderState(order.getOrderId()), net, routingOut);
    }

    OrderRouting.Outcome lifecycle(OrderLifecycleEvent e) {
        return routing.onLifecycle(e, orderState(e.getOrderId()), routingOut);
    }

    /** Routing's event-time timer for an order fires at {@code time}; true if it may forget it. */
    boolean timer(String orderId, long time, long retentionMillis) {
        return routing.onTimer(orderState(orderId), time, retentionMillis, routingOut);
    }

    OrderRouting.Outcome lifecycle(String orderId, LifecycleType type) {
        return lifecycle(lifecycle(orderId, type, at(12, 0)));
    }

    // --- delivery ---

    /** Delivers everything in flight, replies first, until nothing is left. */
    void run() {
        runHolding(r -> false);
    }

    /** Delivers everything in flight except the requests {@code hold} keeps back. */
    void runHolding(Predicate<StockRequest> hold) {
        while (true) {
            if (!toRouting.isEmpty()) {
                deliver(toRouting.get(0));
                continue;
            }
            StockRequest next = null;
            for (StockRequest r : toLedger) {
                if (!hold.test(r)) {
                    next = r;
                    break;
                }
            }
            if (next == null) {
                return;
            }
            deliver(next);
        }
    }

    List<StockRequest> inFlight(Predicate<StockRequest> which) {
        return toLedger.stream().filter(which).toList();
    }

    /** Hands a request in flight to its SKU's ledger, checking the grant rule as it goes. */
    void deliver(StockRequest request) {
        if (!recording) {
            if (!toLedger.remove(request)) {
                throw new IllegalStateException("not in flight: " + request);
            }
            handle(request, ledgerState(request.sku));
            return;
        }
        assertThat(toLedger.remove(request)).as("in flight: %s", request).isTrue();
        InMemorySkuState state = ledgerState(request.sku);
        Map<String, Long> reservedBefore = new HashMap<>();
        for (Map.Entry<String, Position> p : state.positions()) {
            reservedBefore.put(p.getKey(), p.getValue().reserved);
        }
        handle(request, state);
        for (Map.Entry<String, Position> entry : state.positions()) {
            Position p = entry.getValue();
            if (p.reserved > reservedBefore.getOrDefault(entry.getKey(), 0L)) {
                assertThat(p.reserved)
                        .as("a grant never makes reserved exceed onHand - safetyStock: %s", request)
                        .isLessThanOrEqualTo(p.onHand - nodes.get(entry.getKey()).safetyStock);
            }
        }
    }

    private void handle(StockRequest request, InMemorySkuState state) {
        if (request.action == StockRequest.Action.ROUTE) {
            ledger.route(
                    request,
                    routeOrders.remove(request),
                    nodes.values(),
                    NOW,
                    state,
                    holdsOf(request.sku),
                    ledgerOut);
        } else {
            ledger.handle(request, state, ledgerOut);
        }
    }

    void deliver(StockReply reply) {
        if (!recording) {
            if (!toRouting.remove(reply)) {
                throw new IllegalStateException("not in flight: " + reply);
            }
        } else {
            assertThat(toRouting.remove(reply)).as("in flight: %s", reply).isTrue();
        }
        routing.onReply(reply, orderState(reply.orderId), net, routingOut);
    }

    /** Delivers every reply in flight, in order (not the replies they cause). */
    void deliverReplies() {
        for (StockReply reply : new ArrayList<>(toRouting)) {
            deliver(reply);
        }
    }

    /** Delivers every request in flight that matches, in order (not the requests they cause). */
    void deliverRequests(Predicate<StockRequest> which) {
        for (StockRequest request : inFlight(which)) {
            deliver(request);
        }
    }

    /**
     * Delivers one request in flight chosen at random; requests for the same order and SKU keep
     * their order (one Kafka partition), others may overtake each other. False when none.
     */
    boolean deliverAnyRequest(Random random) {
        List<StockRequest> heads = new ArrayList<>();
        for (int i = 0; i < toLedger.size(); i++) {
            if (isHead(toLedger, i, r -> r.orderId + "|" + r.sku)) {
                heads.add(toLedger.get(i));
            }
        }
        if (heads.isEmpty()) {
            return false;
        }
        deliver(heads.get(random.nextInt(heads.size())));
        return true;
    }

    /** As {@link #deliverAnyRequest} for replies to routing. */
    boolean deliverAnyReply(Random random) {
        List<StockReply> heads = new ArrayList<>();
        for (int i = 0; i < toRouting.size(); i++) {
            if (isHead(toRouting, i, r -> r.orderId + "|" + r.sku)) {
                heads.add(toRouting.get(i));
            }
        }
        if (heads.isEmpty()) {
            return false;
        }
        deliver(heads.get(random.nextInt(heads.size())));
        return true;
    }

    private static <T> boolean isHead(List<T> queue, int i, Function<T, String> key) {
        String k = key.apply(queue.get(i));
        for (int j = 0; j < i; j++) {
            if (key.apply(queue.get(j)).equals(k)) {
                return false;
            }
        }
        return true;
    }

    // --- what came out ---

    OrderState orderState(String orderId) {
        return orders.computeIfAbsent(orderId, id -> new OrderState());
    }

    /** The SKU's standing cart and checkout holds. */
    public InMemoryHolds holdsOf(String sku) {
        return holds.computeIfAbsent(sku, s -> new InMemoryHolds());
    }

    /** A hold request for the SKU's ledger, applied with the wall clock at {@link #NOW}. */
    public SkuLedger.Outcome hold(HoldCommand command) {
        return ledger.hold(command, NOW, ledgerState(command.sku), holdsOf(command.sku), ledgerOut);
    }

    InMemorySkuState ledgerState(String sku) {
        return skus.computeIfAbsent(sku, s -> new InMemorySkuState(nodes));
    }

    List<RoutingDecision> decisionsOf(String orderId) {
        return decisions.stream().filter(d -> d.getOrderId().equals(orderId)).toList();
    }

    List<RoutingDecision> finalDecisionsOf(String orderId) {
        return decisionsOf(orderId).stream().filter(d -> FINAL.contains(d.getStatus())).toList();
    }

    RoutingDecision lastDecision(String orderId) {
        List<RoutingDecision> of = decisionsOf(orderId);
        assertThat(of).as("decisions of %s", orderId).isNotEmpty();
        return of.get(of.size() - 1);
    }

    List<DeadLetterReason> deadLetterReasons() {
        return deadLetters.stream().map(DeadLetter::reason).toList();
    }

    List<StockRequest> sent(StockRequest.Action action) {
        return sentToLedger.stream().filter(r -> r.action == action).toList();
    }

    Position position(String sku, String nodeId) {
        Position p = ledgerState(sku).position(nodeId);
        assertThat(p).as("%s at %s", sku, nodeId).isNotNull();
        return p;
    }

    long reserved(String sku, String nodeId) {
        Position p = ledgerState(sku).position(nodeId);
        return p == null ? 0 : p.reserved;
    }

    long onHand(String sku, String nodeId) {
        return position(sku, nodeId).onHand;
    }

    long atp(String sku, String nodeId) {
        return position(sku, nodeId).atp(nodes.get(nodeId).safetyStock);
    }

    /** What the ledger holds for an order: "sku|node" -> units. */
    Map<String, Long> heldByLedger(String orderId) {
        Map<String, Long> held = new HashMap<>();
        for (Map.Entry<String, InMemorySkuState> sku : skus.entrySet()) {
            Reservation r = sku.getValue().reservation(orderId);
            if (r != null) {
                for (NodeUnits u : r.held) {
                    held.merge(sku.getKey() + "|" + u.nodeId, u.units, Long::sum);
                }
            }
        }
        return held;
    }

    /** What routing believes the order holds: "sku|node" -> units. */
    Map<String, Long> heldByRouting(String orderId) {
        Map<String, Long> held = new HashMap<>();
        OrderState s = orders.get(orderId);
        if (s != null && s.phase != OrderState.Phase.CLOSED) {
            s.granted.forEach(
                    a ->
                            held.merge(
                                    a.getSku() + "|" + a.getNodeId(),
                                    (long) a.getQuantity(),
                                    Long::sum));
        }
        return held;
    }

    /** The SKU's network ATP recomputed from its positions: ATP summed over OPEN nodes. */
    long recomputedNetworkAtp(String sku) {
        long sum = 0;
        for (Map.Entry<String, Position> e : ledgerState(sku).positions()) {
            NodeInfo node = nodes.get(e.getKey());
            if (node.isOpen()) {
                sum += e.getValue().atp(node.safetyStock);
            }
        }
        return sum;
    }

    NetworkTotals totals(String sku) {
        return ledgerState(sku).totals();
    }

    // --- the interfaces ---

    private final class Net implements OrderRouting.Network {
        private final CapacityView capacityView = node -> capacity.hasCapacity(node, ORDER_TIME);

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
            return NOW;
        }
    }

    private final class RoutingOut implements OrderRouting.Output {
        @Override
        public void request(StockRequest request) {
            toLedger.add(request);
            if (recording) {
                sentToLedger.add(request);
            }
        }

        @Override
        public void decision(RoutingDecision decision) {
            decidedAtNanos = System.nanoTime();
            latestDecision = decision;
            if (recording) {
                decisions.add(decision);
            }
        }

        @Override
        public void rejected(String eventId, Rejection rejection) {
            if (!recording) {
                throw new IllegalStateException("a dead letter for " + eventId + ": " + rejection);
            }
            deadLetters.add(new DeadLetter(eventId, rejection.reason(), rejection.message()));
        }
    }

    private final class LedgerOut implements SkuLedger.Output {
        @Override
        public void availability(AvailabilityChange change) {}

        @Override
        public void network(String sku, NetworkTotals totals, long eventTime) {}

        @Override
        public void group(
                String sku,
                String group,
                GroupTotals.Figures figures,
                long changes,
                long eventTime) {}

        @Override
        public void discrepancy(CountDiscrepancy discrepancy) {}

        @Override
        public void countCompared(
                InventoryEvent count, NodeInfo node, long expected, boolean matched) {}

        @Override
        public void alert(StockAlert alert) {
            if (recording) {
                alerts.add(new Alert(alert.sku(), alert.nodeId(), alert.type()));
            }
        }

        @Override
        public void projectedStockout(ProjectedStockout stockout) {}

        @Override
        public void rejected(InventoryEvent event, Rejection rejection) {
            throw new AssertionError("the test sent a bad inventory event: " + rejection);
        }

        @Override
        public void reply(StockReply reply) {
            toRouting.add(reply);
            if (recording) {
                sentToRouting.add(reply);
            }
        }

        @Override
        public void returned(ReturnDisposition disposition) {
            throw new AssertionError("no returns in an order flow: " + disposition);
        }

        @Override
        public void hold(HoldOutcome outcome) {
            holdOutcomes.add(outcome);
        }
    }
}
