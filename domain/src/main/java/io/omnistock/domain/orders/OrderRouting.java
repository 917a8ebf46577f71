package io.omnistock.domain.orders;

import io.omnistock.avro.Allocation;
import io.omnistock.avro.DeadLetterReason;
import io.omnistock.avro.DecisionStatus;
import io.omnistock.avro.InboundPromise;
import io.omnistock.avro.LifecycleType;
import io.omnistock.avro.OrderLifecycleEvent;
import io.omnistock.avro.OrderLine;
import io.omnistock.avro.OrderRequest;
import io.omnistock.domain.inventory.Rejection;
import io.omnistock.domain.planning.CapacityView;
import io.omnistock.domain.planning.Eligibility;
import io.omnistock.domain.planning.GeoPoint;
import io.omnistock.domain.planning.LineAllocation;
import io.omnistock.domain.planning.Order;
import io.omnistock.domain.planning.PlannedLine;
import io.omnistock.domain.planning.Router;
import io.omnistock.domain.planning.RoutingPlan;
import io.omnistock.domain.planning.ScoredPlan;
import io.omnistock.domain.planning.Shipment;
import io.omnistock.domain.sourcing.Sourcing;
import io.omnistock.domain.sourcing.SourcingRules;
import io.omnistock.ledger.domain.InboundUnits;
import io.omnistock.ledger.domain.NodeInfo;
import io.omnistock.ledger.domain.NodeUnits;
import io.omnistock.ledger.domain.StockReply;
import io.omnistock.ledger.domain.StockRequest;
import io.omnistock.ledger.domain.orders.OrderState;
import io.omnistock.ledger.domain.orders.SkuStock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Order orchestration (docs/design.md section 4), one order at a time: probe the ledger for ATP,
 * plan, ask the ledger to reserve, re-plan (bounded) what it refuses, publish exactly one final
 * decision, then release or commit on the order's lifecycle and follow the ledger's re-routes.
 * Plain Java: the Flink function keeps {@link OrderState} and carries the requests and replies.
 */
public final class OrderRouting {

    /** What routing sees of the network for one call. */
    public interface Network {
        NodeInfo node(String nodeId);

        Collection<NodeInfo> nodes();

        CapacityView capacity();

        /** An order was routed to this node: count it against the node's daily capacity. */
        void booked(NodeInfo node, long orderTime);

        long nowMillis();

        /** The sourcing rules in force; null when none is published (the job options decide). */
        default SourcingRules sourcing() {
            return null;
        }
    }

    /** Where routing's facts go. */
    public interface Output {
        /** To the SKU's ledger (RESERVE, RELEASE, COMMIT travel through Kafka). */
        void request(StockRequest request);

        void decision(io.omnistock.avro.RoutingDecision decision);

        /** The input record with this event id is rejected: to the dead-letter topic. */
        void rejected(String eventId, Rejection rejection);
    }

    public enum Outcome {
        ACCEPTED,
        DUPLICATE,
        REJECTED
    }

    private final Router router;
    private final OrderValidator validator;
    private final int maxAttempts;
    private final SourcingRules jobOptions;

    public OrderRouting(Router router, OrderValidator validator, int maxAttempts) {
        this.router = router;
        this.validator = validator;
        this.maxAttempts = maxAttempts;
        this.jobOptions = SourcingRules.jobOptions(router);
    }

    /** The SKUs an order's (or a quote's) lines need stock for: one probe each. */
    public static Set<String> skusOf(List<OrderLine> lines) {
        Set<String> skus = new LinkedHashSet<>();
        for (OrderLine line : lines) {
            if (line.getSku() != null && !line.getSku().isBlank()) {
                skus.add(line.getSku());
            }
        }
        return skus;
    }

    public Outcome onOrder(OrderRequest request, OrderState s, Network net, Output out) {
        if (s.phase != null) {
            if (s.order.getEventId().equals(request.getEventId())) {
                return Outcome.DUPLICATE;
            }
            out.rejected(
                    request.getEventId(),
                    new Rejection(
                            DeadLetterReason.DUPLICATE_ORDER,
                            "order " + request.getOrderId() + " was already received"));
            return Outcome.REJECTED;
        }
        s.order = request;
        Rejection rejection = validator.validate(request, net.nowMillis(), net::node, net.nodes());
        if (rejection != null) {
            for (StockReply reply : s.early) {
                releaseUnused(reply, s, out); // the ledger may have judged the order valid
            }
            s.early.clear();
            reject(s, request.getEventId(), rejection, out);
            return Outcome.REJECTED;
        }
        request.setLines(DecisionRecords.merged(request.getLines()));
        s.phase = OrderState.Phase.PLANNING;
        s.attempt = 1;
        s.awaiting.addAll(skusOf(request.getLines()));
        if (s.early.isEmpty()) {
            return Outcome.ACCEPTED;
        }
        // Its stock replies overtook it: planning may start, and may reject the order itself
        // (an unknown SKU), which must count as this record's outcome.
        List<StockReply> early = new ArrayList<>(s.early);
        s.early.clear();
        RejectionWatch watch = new RejectionWatch(out, request.getEventId());
        for (StockReply reply : early) {
            onReply(reply, s, net, watch);
        }
        return watch.rejected ? Outcome.REJECTED : Outcome.ACCEPTED;
    }

    /** Passes everything on, noting whether one input record was rejected. */
    private static final class RejectionWatch implements Output {
        private final Output out;
        private final String eventId;
        boolean rejected;

        RejectionWatch(Output out, String eventId) {
            this.out = out;
            this.eventId = eventId;
        }

        @Override
        public void request(StockRequest request) {
            out.request(request);
        }

        @Override
        public void decision(io.omnistock.avro.RoutingDecision decision) {
            out.decision(decision);
        }

        @Override
        public void rejected(String rejectedEventId, Rejection rejection) {
            rejected |= rejectedEventId.equals(eventId);
            out.rejected(rejectedEventId, rejection);
        }
    }

    public void onReply(StockReply reply, OrderState s, Network net, Output out) {
        if (s.phase == null) {
            s.early.add(reply); // the order itself is still on its way
            return;
        }
        switch (reply.kind) {
            case PROBED -> {
                if (s.phase == OrderState.Phase.PLANNING
                        && reply.requestId.equals(s.order.getEventId())
                        && s.awaiting.remove(reply.sku)) {
                    s.putStock(
                            new SkuStock(reply.sku, reply.knownSku, reply.units, reply.inbound)
                                    .categorised(reply.category));
                    if (s.awaiting.isEmpty()) {
                        firstPlan(s, net, out);
                    }
                }
            }
            case GRANTED, REFUSED -> {
                if (s.phase == OrderState.Phase.RESERVING
                        && reply.attempt == s.attempt
                        && s.awaiting.remove(reply.sku)) {
                    settleGrant(reply, s);
                    if (s.awaiting.isEmpty()) {
                        roundDone(s, net, out);
                    }
                }
            }
            case ROUTED -> {
                if (s.phase == OrderState.Phase.PLANNING
                        && reply.requestId.equals(s.order.getEventId())
                        && s.awaiting.remove(reply.sku)) {
                    s.putStock(new SkuStock(reply.sku, reply.knownSku, reply.units, reply.inbound));
                    if (s.awaiting.isEmpty()) {
                        recordRouted(reply, s, net, out);
                    } else { // not a single-SKU order after all: nothing is taken as held
                        releaseUnused(reply, s, out);
                    }
                } else {
                    releaseUnused(reply, s, out); // a duplicate or rejected order
                }
            }
            case REROUTED -> rerouted(reply, s, net, out);
            case PROMISED -> {
                if (s.phase == OrderState.Phase.PROMISING && s.awaiting.remove(reply.sku)) {
                    putPromises(s, reply.sku, reply.promised);
                    if (s.awaiting.isEmpty()) {
                        decide(s, DecisionRecords.finalStatus(s), null, net, out);
                    }
                }
            }
            case REPROMISED -> repromised(reply, s, net, out);
        }
    }

    /**
     * The single-SKU fast path: the ledger planned the order with these rules on the ATP it
     * answered with, holds the grant and sent the plan's decision records; the order's first round
     * is done (README, routing).
     */
    private void recordRouted(StockReply reply, OrderState s, Network net, Output out) {
        s.candidates.addAll(reply.candidates);
        s.baselineCo2eKg = reply.baselineCo2eKg;
        s.baselineCost = reply.baselineCost;
        s.backordered.addAll(reply.backordered);
        s.granted.addAll(reply.allocations);
        if (s.order.getAllowFutureSupply()) {
            s.promisesAsked = true; // the ledger promised inbound as it routed the order
            putPromises(s, reply.sku, reply.promised);
        }
        decide(s, DecisionRecords.finalStatus(s), null, net, out);
    }

    /**
     * Gives back what the ledger reserved on the single-SKU fast path for an order that cannot use
     * it (rejected here, or a duplicate), through the loop.
     */
    private static void releaseUnused(StockReply reply, OrderState s, Output out) {
        if (reply.kind != StockReply.Kind.ROUTED || reply.granted.isEmpty()) {
            return;
        }
        out.request(
                new StockRequest(
                        reply.orderId + "/unused/" + reply.requestId + "/" + reply.sku,
                        reply.eventTime,
                        reply.orderId,
                        reply.sku,
                        StockRequest.Action.RELEASE,
                        Math.max(1, s.attempt)));
    }

    private static void settleGrant(StockReply reply, OrderState s) {
        if (reply.kind == StockReply.Kind.GRANTED) {
            for (Allocation a : s.proposed) {
                if (a.getSku().equals(reply.sku)) {
                    s.granted.add(a);
                }
            }
        } else {
            s.refused.add(reply.sku);
            SkuStock before = s.stockOf(reply.sku);
            s.putStock(
                    new SkuStock(reply.sku, true, reply.units, reply.inbound)
                            .categorised(
                                    reply.category != null || before == null
                                            ? reply.category
                                            : before.category));
        }
        s.proposed.removeIf(a -> a.getSku().equals(reply.sku));
    }

    private void firstPlan(OrderState s, Network net, Output out) {
        for (SkuStock stock : s.stock) {
            if (!stock.known) {
                reject(
                        s,
                        s.order.getEventId(),
                        new Rejection(DeadLetterReason.UNKNOWN_SKU, "unknown SKU " + stock.sku),
                        out);
                return;
            }
        }
        Sourcing sourcing = sourcing(s, net);
        s.ruleId = sourcing.ruleId();
        s.ruleSetVersion = sourcing.ruleSetVersion();
        switch (sourcing.action()) {
            case REJECT -> {
                decide(s, DecisionStatus.REJECTED, sourcing.decisionReason(), net, out);
                return;
            }
            case BACKORDER, HOLD_FOR_REVIEW -> {
                for (OrderLine line : s.order.getLines()) {
                    s.backordered.add(new OrderLine(line.getSku(), line.getQuantity()));
                }
                decide(s, DecisionStatus.BACKORDERED, sourcing.decisionReason(), net, out);
                return;
            }
            case ROUTE -> plan(s, s.order.getLines(), 0, sourcing, net, out);
        }
    }

    /** The categories of the order's SKUs, as their ledgers answered the probes. */
    private static List<String> categories(OrderState s) {
        List<String> categories = new ArrayList<>(s.stock.size());
        for (SkuStock stock : s.stock) {
            categories.add(stock.category);
        }
        return categories;
    }

    /** How the sourcing rules in force source the order (the job options when none are). */
    private Sourcing sourcing(OrderState s, Network net) {
        SourcingRules rules = net.sourcing();
        return (rules == null ? jobOptions : rules)
                .decide(
                        domainOrder(s.order, s.order.getLines()),
                        s.order.getRegion(),
                        s.order.getOrderValue(),
                        categories(s));
    }

    /**
     * Plans the given lines on the latest stock, on the nodes and with the policy of the order's
     * sourcing rule, with at most the rule's max split less the nodes already used, and asks the
     * ledger to reserve the plan.
     */
    private void plan(
            OrderState s,
            List<OrderLine> lines,
            int nodesUsed,
            Sourcing sourcing,
            Network net,
            Output out) {
        Order order = domainOrder(s.order, lines);
        int maxSplit = Math.max(1, sourcing.router().policy().maxSplit() - nodesUsed);
        RoutingPlan plan =
                sourcing.router()
                        .plan(
                                order,
                                sourcing.nodes(net.nodes()),
                                (sku, nodeId) -> {
                                    SkuStock stock = s.stockOf(sku);
                                    return stock == null ? 0 : stock.atpAt(nodeId);
                                },
                                net.capacity(),
                                maxSplit);
        if (s.attempt == 1) {
            for (ScoredPlan candidate : plan.candidates()) {
                s.candidates.add(DecisionRecords.candidate(candidate));
            }
            s.baselineCo2eKg = plan.baselineCo2eKg();
            s.baselineCost = plan.baselineCost();
        }
        for (PlannedLine missing : plan.backordered()) {
            s.backordered.add(new OrderLine(missing.sku(), missing.quantity()));
        }
        List<LineAllocation> allocations = plan.allocations();
        if (allocations.isEmpty()) {
            decide(s, DecisionRecords.finalStatus(s), null, net, out);
            return;
        }
        s.phase = OrderState.Phase.RESERVING;
        for (LineAllocation a : allocations) {
            s.proposed.add(DecisionRecords.allocation(a, net.node(a.nodeId())));
        }
        for (String sku : skusIn(allocations)) {
            StockRequest reserve =
                    new StockRequest(
                            s.order.getOrderId() + "/" + s.attempt + "/" + sku,
                            s.order.getEventTime().toEpochMilli(),
                            s.order.getOrderId(),
                            sku,
                            StockRequest.Action.RESERVE,
                            s.attempt);
            reserve.channel = s.order.getChannel(); // checked against the channel's ATS too
            for (LineAllocation a : allocations) {
                if (a.sku().equals(sku)) {
                    reserve.units.add(new NodeUnits(a.nodeId(), a.quantity()));
                }
            }
            reserve.alternatives.addAll(plan.alternativesFor(sku));
            s.awaiting.add(sku);
            out.request(reserve);
        }
    }

    /** Every SKU of this round answered: re-plan what was refused, or decide. */
    private void roundDone(OrderState s, Network net, Output out) {
        if (s.refused.isEmpty()) {
            decide(s, DecisionRecords.finalStatus(s), null, net, out);
            return;
        }
        List<OrderLine> refusedLines = new ArrayList<>();
        for (OrderLine line : s.order.getLines()) {
            if (s.refused.contains(line.getSku())) {
                refusedLines.add(new OrderLine(line.getSku(), line.getQuantity()));
            }
        }
        // a refused SKU holds nothing: its whole line is outstanding again, including what the
        // last plan had already backordered of it
        s.backordered.removeIf(line -> s.refused.contains(line.getSku()));
        s.refused.clear();
        if (s.attempt >= maxAttempts) {
            s.backordered.addAll(refusedLines);
            decide(s, DecisionRecords.finalStatus(s), null, net, out);
            return;
        }
        s.attempt++;
        Set<String> used = new LinkedHashSet<>();
        for (Allocation a : s.granted) {
            used.add(a.getNodeId());
        }
        Sourcing sourcing = sourcing(s, net);
        if (!sourcing.routes()) { // a rule set published since forbids routing it: stop here
            s.backordered.addAll(refusedLines);
            decide(s, DecisionRecords.finalStatus(s), null, net, out);
            return;
        }
        plan(s, refusedLines, used.size(), sourcing, net, out);
    }

    private void decide(
            OrderState s, DecisionStatus status, String reason, Network net, Output out) {
        if (reason == null
                && !s.promisesAsked
                && !s.backordered.isEmpty()
                && s.order.getAllowFutureSupply()) {
            askPromises(s, net, out);
            return;
        }
        s.phase = OrderState.Phase.DECIDED;
        s.revision++;
        promiseBackorders(s, net);
        out.decision(
                DecisionRecords.decision(s, status, reason, s.order.getEventTime().toEpochMilli()));
        long orderTime = s.order.getEventTime().toEpochMilli();
        Set<String> booked = new LinkedHashSet<>();
        for (Allocation a : s.granted) {
            NodeInfo node = net.node(a.getNodeId());
            if (booked.add(a.getNodeId()) && node != null) {
                net.booked(node, orderTime);
            }
        }
        if (s.pendingLifecycle != null) {
            OrderLifecycleEvent pending = s.pendingLifecycle;
            s.pendingLifecycle = null;
            applyLifecycle(pending, s, out);
        }
    }

    /**
     * An order allowing future supply, decided with backordered lines: asks each backordered SKU's
     * ledger to promise it inbound units no other order was promised (PROMISE, through the
     * reservation topic), at the nodes that may fulfil the order, by its promise date. The decision
     * waits for the answers (PROMISED).
     */
    private void askPromises(OrderState s, Network net, Output out) {
        s.promisesAsked = true;
        s.phase = OrderState.Phase.PROMISING;
        Map<String, Long> wanted = new java.util.LinkedHashMap<>();
        for (OrderLine line : s.backordered) {
            wanted.merge(line.getSku(), (long) line.getQuantity(), Long::sum);
        }
        List<String> nodes =
                inboundNodes(router, domainOrder(s.order, s.order.getLines()), net.nodes());
        for (Map.Entry<String, Long> e : wanted.entrySet()) {
            StockRequest promise =
                    new StockRequest(
                            s.order.getOrderId() + "/promise/" + e.getKey(),
                            s.order.getEventTime().toEpochMilli(),
                            s.order.getOrderId(),
                            e.getKey(),
                            StockRequest.Action.PROMISE,
                            s.attempt);
            promise.units.add(new NodeUnits("", e.getValue()));
            promise.alternatives.addAll(nodes);
            promise.promiseBy = s.order.getPromiseBy().toEpochMilli();
            s.awaiting.add(e.getKey());
            out.request(promise);
        }
    }

    /** Replaces the order's reserved inbound promises of {@code sku} with {@code promised}. */
    private static void putPromises(OrderState s, String sku, List<InboundUnits> promised) {
        s.inboundPromises.removeIf(p -> p.getSku().equals(sku));
        for (InboundUnits u : promised) {
            s.inboundPromises.add(
                    new InboundPromise(
                            sku,
                            (int) u.units,
                            u.nodeId,
                            Instant.ofEpochMilli(u.eta),
                            u.asnId,
                            true));
        }
    }

    /**
     * The ledger changed the order's inbound promises of a SKU: a receipt turned some into on-hand
     * reservations (allocated now, from the ASN's node), or a revised or late ASN moved them. The
     * order's promises become the ledger's, and the customer side hears of it (RE_ROUTED, with the
     * reason).
     */
    private void repromised(StockReply reply, OrderState s, Network net, Output out) {
        if (s.phase != OrderState.Phase.DECIDED) {
            return; // closed, or still deciding: the decision will carry the promises
        }
        long onHandBefore = 0;
        for (Allocation a : s.granted) {
            if (a.getSku().equals(reply.sku)) {
                onHandBefore += a.getQuantity();
            }
        }
        long onHandNow = 0;
        for (NodeUnits u : reply.units) {
            onHandNow += u.units;
        }
        long received = onHandNow - onHandBefore;
        if (received > 0 && reply.fromNodeId != null) {
            NodeInfo to = net.node(reply.fromNodeId);
            if (to != null) {
                Order order = domainOrder(s.order, s.order.getLines());
                Shipment shipment =
                        router.shipmentModel()
                                .shipment(
                                        router.shipmentModel().leg(order, to),
                                        List.of(new PlannedLine(reply.sku, (int) received)));
                for (LineAllocation a : shipment.lineAllocations()) {
                    s.granted.add(DecisionRecords.allocation(a, to));
                }
            }
            takeFromBackordered(s, reply.sku, received);
        }
        putPromises(s, reply.sku, reply.promised);
        s.revision++;
        out.decision(
                DecisionRecords.decision(
                        s, DecisionStatus.RE_ROUTED, reply.reason, reply.eventTime));
    }

    /** Takes {@code units} of {@code sku} off the backordered lines (now allocated). */
    private static void takeFromBackordered(OrderState s, String sku, long units) {
        long left = units;
        for (java.util.Iterator<OrderLine> it = s.backordered.iterator();
                it.hasNext() && left > 0; ) {
            OrderLine line = it.next();
            if (!line.getSku().equals(sku)) {
                continue;
            }
            long take = Math.min(left, line.getQuantity());
            left -= take;
            if (take == line.getQuantity()) {
                it.remove();
            } else {
                line.setQuantity((int) (line.getQuantity() - take));
            }
        }
    }

    /**
     * Inbound promises: each backordered line that inbound ASNs can fill gets a promise, the
     * earliest ETA by which the ASNs still expected at one node that may fulfil the order (OPEN,
     * method rules; capacity is not asked, it is for another day) add up to the line's units. Uses
     * the inbound the ledger reported with the SKU's latest ATP; nothing is reserved against it.
     */
    private void promiseBackorders(OrderState s, Network net) {
        if (s.order.getAllowFutureSupply()) {
            return; // the ledger reserved what inbound it could: those are the order's promises
        }
        s.inboundPromises.clear();
        if (s.backordered.isEmpty()) {
            return;
        }
        Order order = domainOrder(s.order, s.order.getLines());
        for (OrderLine line : s.backordered) {
            SkuStock stock = s.stockOf(line.getSku());
            if (stock == null || stock.inbound == null || stock.inbound.isEmpty()) {
                continue;
            }
            List<InboundUnits> byEta = new ArrayList<>(stock.inbound);
            byEta.sort(
                    Comparator.comparingLong((InboundUnits u) -> u.eta)
                            .thenComparing(u -> u.nodeId));
            Map<String, Long> expected = new HashMap<>();
            for (InboundUnits u : byEta) {
                NodeInfo node = net.node(u.nodeId);
                if (node == null || !mayFulfil(order, node)) {
                    continue;
                }
                long units = expected.merge(u.nodeId, u.units, Long::sum);
                if (units >= line.getQuantity()) {
                    s.inboundPromises.add(
                            new InboundPromise(
                                    line.getSku(),
                                    line.getQuantity(),
                                    u.nodeId,
                                    Instant.ofEpochMilli(u.eta),
                                    null,
                                    false));
                    break;
                }
            }
        }
    }

    private boolean mayFulfil(Order order, NodeInfo node) {
        return mayFulfil(router, order, node);
    }

    private static boolean mayFulfil(Router router, Order order, NodeInfo node) {
        Eligibility eligibility = router.filter().check(order, node, CapacityView.UNLIMITED);
        return eligibility.isEligible();
    }

    /** The ids of the nodes that may fulfil {@code order} (capacity aside), sorted. */
    static List<String> inboundNodes(Router router, Order order, Collection<NodeInfo> nodes) {
        List<String> ids = new ArrayList<>();
        for (NodeInfo node : nodes) {
            if (node.isOpen() && mayFulfil(router, order, node)) {
                ids.add(node.nodeId);
            }
        }
        ids.sort(Comparator.naturalOrder());
        return ids;
    }

    private void reject(OrderState s, String eventId, Rejection rejection, Output out) {
        out.rejected(eventId, rejection);
        s.phase = OrderState.Phase.DECIDED;
        s.revision++;
        s.backordered.clear();
        out.decision(
                DecisionRecords.decision(
                        s,
                        DecisionStatus.REJECTED,
                        rejection.reason() + ": " + rejection.message(),
                        s.order.getEventTime().toEpochMilli()));
        if (s.pendingLifecycle != null) { // e.g. a cancel that came while probing an unknown SKU
            OrderLifecycleEvent pending = s.pendingLifecycle;
            s.pendingLifecycle = null;
            applyLifecycle(pending, s, out);
        }
    }

    /** The ledger moved some of the order's units: follow it and tell the customer side. */
    private void rerouted(StockReply reply, OrderState s, Network net, Output out) {
        if (s.phase != OrderState.Phase.DECIDED
                && s.phase != OrderState.Phase.RESERVING
                && s.phase != OrderState.Phase.PROMISING) {
            return; // closed: nothing is held any more
        }
        s.granted.removeIf(
                a -> a.getSku().equals(reply.sku) && a.getNodeId().equals(reply.fromNodeId));
        List<PlannedLine> moved = List.of(new PlannedLine(reply.sku, (int) reply.movedUnits));
        NodeInfo to = reply.toNodeId == null ? null : net.node(reply.toNodeId);
        if (to == null) {
            s.backordered.add(new OrderLine(reply.sku, (int) reply.movedUnits));
        } else {
            Order order = domainOrder(s.order, s.order.getLines());
            Shipment shipment =
                    router.shipmentModel().shipment(router.shipmentModel().leg(order, to), moved);
            for (LineAllocation a : shipment.lineAllocations()) {
                s.granted.add(DecisionRecords.allocation(a, to));
            }
        }
        if (s.phase == OrderState.Phase.DECIDED) {
            s.revision++;
            out.decision(
                    DecisionRecords.decision(
                            s, DecisionStatus.RE_ROUTED, reply.reason, reply.eventTime));
        }
    }

    public Outcome onLifecycle(OrderLifecycleEvent e, OrderState s, Output out) {
        String id = e.getEventId();
        if (id.equals(s.lastLifecycleId)
                || (s.pendingLifecycle != null && id.equals(s.pendingLifecycle.getEventId()))) {
            return Outcome.DUPLICATE;
        }
        if (e.getType() != LifecycleType.CANCELLED
                && e.getType() != LifecycleType.SHIPPED
                && e.getType() != LifecycleType.PICKED_UP) {
            out.rejected(
                    id,
                    new Rejection(
                            DeadLetterReason.INVALID_TRANSITION,
                            e.getType() + " is not handled by routing"));
            return Outcome.REJECTED;
        }
        if (s.phase == null
                || s.phase == OrderState.Phase.PLANNING
                || s.phase == OrderState.Phase.RESERVING
                || s.phase == OrderState.Phase.PROMISING) {
            if (s.pendingLifecycle != null) {
                out.rejected(
                        id,
                        new Rejection(
                                DeadLetterReason.INVALID_TRANSITION,
                                "order already has a pending " + s.pendingLifecycle.getType()));
                return Outcome.REJECTED;
            }
            // Applied as soon as the order is decided. An order not seen yet may still come: it
            // travels on another topic (see onTimer).
            s.pendingLifecycle = e;
            return Outcome.ACCEPTED;
        }
        return applyLifecycle(e, s, out);
    }

    /**
     * The order's event-time timer fired. A lifecycle event still waiting for an order that has not
     * come although the watermark passed the event's time is rejected ({@code UNKNOWN_ORDER}); an
     * order past its retention releases what it still holds (a reservation nobody shipped or
     * cancelled must not hold stock for ever). Returns whether routing may forget the order.
     */
    public boolean onTimer(OrderState s, long time, long retentionMillis, Output out) {
        if (s.phase == null) {
            if (s.pendingLifecycle != null
                    && time >= s.pendingLifecycle.getEventTime().toEpochMilli()) {
                OrderLifecycleEvent e = s.pendingLifecycle;
                s.pendingLifecycle = null;
                out.rejected(
                        e.getEventId(),
                        new Rejection(
                                DeadLetterReason.UNKNOWN_ORDER, "no order " + e.getOrderId()));
            }
            return s.pendingLifecycle == null;
        }
        if (time < s.order.getEventTime().toEpochMilli() + retentionMillis) {
            return false;
        }
        if (s.phase == OrderState.Phase.DECIDED) {
            settleHeld(
                    s, s.order.getOrderId() + "/expired", time, StockRequest.Action.RELEASE, out);
        }
        return true;
    }

    private Outcome applyLifecycle(OrderLifecycleEvent e, OrderState s, Output out) {
        String id = e.getEventId();
        if (s.phase == OrderState.Phase.CLOSED) {
            return reject(id, "order " + e.getOrderId() + " is already closed", out);
        }
        boolean cancel = e.getType() == LifecycleType.CANCELLED;
        if (!cancel && s.granted.isEmpty()) {
            return reject(id, e.getType() + " but the order holds nothing", out);
        }
        StockRequest.Action action =
                cancel ? StockRequest.Action.RELEASE : StockRequest.Action.COMMIT;
        settleHeld(s, id, e.getEventTime().toEpochMilli(), action, out);
        s.phase = OrderState.Phase.CLOSED;
        s.lastLifecycleId = id;
        return Outcome.ACCEPTED;
    }

    private static Outcome reject(String eventId, String message, Output out) {
        out.rejected(eventId, new Rejection(DeadLetterReason.INVALID_TRANSITION, message));
        return Outcome.REJECTED;
    }

    /** The order as the router plans it: its lines as given, in their order. */
    public static Order domainOrder(OrderRequest r, List<OrderLine> lines) {
        List<PlannedLine> domainLines = new ArrayList<>(lines.size());
        for (OrderLine line : lines) {
            domainLines.add(new PlannedLine(line.getSku(), line.getQuantity()));
        }
        GeoPoint destination =
                r.getDestinationLatitude() == null || r.getDestinationLongitude() == null
                        ? null
                        : new GeoPoint(r.getDestinationLatitude(), r.getDestinationLongitude());
        return new Order(
                r.getOrderId(),
                r.getEventTime().toEpochMilli(),
                r.getChannel(),
                domainLines,
                r.getMethod(),
                r.getShipFromStoreAllowed(),
                destination,
                r.getPickupNodeId(),
                r.getPromiseBy().toEpochMilli(),
                r.getPreference(),
                r.getNodeGroup());
    }

    /**
     * Asks the ledger to release or commit what the order holds, one request per SKU, with event
     * ids {@code <idPrefix>/<sku>}.
     */
    private static void settleHeld(
            OrderState s, String idPrefix, long time, StockRequest.Action action, Output out) {
        Set<String> skus = new LinkedHashSet<>();
        for (Allocation a : s.granted) {
            skus.add(a.getSku());
        }
        for (InboundPromise p : s.inboundPromises) {
            if (p.getReserved()) {
                skus.add(p.getSku());
            }
        }
        for (String sku : skus) {
            out.request(
                    new StockRequest(
                            idPrefix + "/" + sku,
                            time,
                            s.order.getOrderId(),
                            sku,
                            action,
                            s.attempt));
        }
    }

    private static Set<String> skusIn(List<LineAllocation> allocations) {
        Set<String> skus = new LinkedHashSet<>();
        for (LineAllocation a : allocations) {
            skus.add(a.sku());
        }
        return skus;
    }
}
