package io.omnistock.domain.inventory;

import io.omnistock.avro.AlertType;
import io.omnistock.avro.SourceSystem;
import io.omnistock.ledger.domain.InboundUnits;
import io.omnistock.ledger.domain.NodeInfo;
import io.omnistock.ledger.domain.NodeUnits;
import io.omnistock.ledger.domain.Reservation;
import io.omnistock.ledger.domain.StockReply;
import io.omnistock.ledger.domain.StockRequest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Reservations of one SKU (docs/design.md section 4), kept by the SKU's ledger: grants that never
 * let reserved exceed on-hand minus the position's safety stock ({@link
 * SkuLedger.State#safetyStock}), releases, commits into on-hand decrements, and the automatic
 * re-routing of the newest reservations when a node falls short or closes.
 */
final class SkuReservations {
    /** Newest grant first; the order id breaks ties so the choice is deterministic. */
    private static final Comparator<Reservation> NEWEST_FIRST =
            Comparator.comparingLong((Reservation r) -> r.reservedAt)
                    .thenComparing(r -> r.orderId)
                    .reversed();

    private final PositionPublisher publisher;
    private final SkuPromises promises;

    SkuReservations(PositionPublisher publisher, SkuPromises promises) {
        this.publisher = publisher;
        this.promises = promises;
    }

    SkuLedger.Outcome handle(StockRequest request, SkuLedger.State state, SkuLedger.Output out) {
        if (request.action == StockRequest.Action.PROBE
                || request.action == StockRequest.Action.QUOTE) {
            StockReply reply =
                    new StockReply(
                            request.action == StockRequest.Action.PROBE
                                    ? StockReply.Kind.PROBED
                                    : StockReply.Kind.QUOTED,
                            request);
            reply.knownSku = available(state, reply.units);
            inbound(state, reply.inbound);
            out.reply(reply);
            return SkuLedger.Outcome.APPLIED;
        }
        if (state.seen(request.eventId)) {
            return SkuLedger.Outcome.DUPLICATE;
        }
        state.remember(request.eventId, request.eventTime);
        switch (request.action) {
            case RESERVE -> reserve(request, state, out);
            case RELEASE -> settle(request, false, state, out);
            case COMMIT -> settle(request, true, state, out);
            case PROMISE -> promise(request, state, out);
            default -> throw new IllegalArgumentException("unexpected " + request.action);
        }
        return SkuLedger.Outcome.APPLIED;
    }

    /**
     * Fills {@code into} with ATP per OPEN node that has some (bounded by the sales channel of the
     * request in hand, {@link SkuLedger.State#sellable}); returns whether the SKU exists.
     */
    static boolean available(SkuLedger.State state, List<NodeUnits> into) {
        StockByNode stock = state.stock();
        stock.forEach(
                (nodeId, free, due) -> {
                    NodeInfo node = state.node(nodeId);
                    if (node != null && node.isOpen()) {
                        long atp =
                                state.sellable(node, Position.atp(free, state.safetyStock(node)));
                        if (atp > 0) {
                            into.add(new NodeUnits(nodeId, atp));
                        }
                    }
                });
        return !stock.isEmpty();
    }

    /**
     * Fills {@code into} with what ASNs still bring to OPEN nodes, one entry per ASN with an ETA.
     */
    static void inbound(SkuLedger.State state, List<InboundUnits> into) {
        state.stock()
                .forEach(
                        (nodeId, free, due) -> {
                            NodeInfo node = state.node(nodeId);
                            if (due.length > 0 && node != null && node.isOpen()) {
                                into.addAll(Arrays.asList(due));
                            }
                        });
    }

    /**
     * Promises the order inbound units no other order was promised ({@link SkuPromises}) and
     * answers PROMISED with them.
     */
    private void promise(StockRequest request, SkuLedger.State state, SkuLedger.Output out) {
        long wanted = 0;
        for (NodeUnits u : request.units) {
            wanted += Math.max(0, u.units);
        }
        StockReply promised = new StockReply(StockReply.Kind.PROMISED, request);
        if (request.promiseBy != StockRequest.NO_FUTURE_SUPPLY) {
            promised.promised =
                    promises.promise(
                            request.sku,
                            request.orderId,
                            request.eventTime,
                            wanted,
                            request.promiseBy,
                            request.alternatives,
                            request.eventTime,
                            request.eventId,
                            null,
                            null,
                            null,
                            state,
                            out);
        }
        out.reply(promised);
    }

    /** Holds every requested unit, or none, and answers GRANTED or REFUSED. */
    private void reserve(StockRequest request, SkuLedger.State state, SkuLedger.Output out) {
        out.reply(hold(request, state, out));
    }

    /**
     * Holds every requested unit, or none: a grant never takes more than a node's ATP, nor more
     * than the request's sales channel may sell there ({@link SkuLedger.State#sellable}). Returns
     * the answer (GRANTED, or REFUSED with the ATP now) without sending it.
     */
    StockReply hold(StockRequest request, SkuLedger.State state, SkuLedger.Output out) {
        int n = request.units.size();
        if (n == 0) {
            return refusal(request, state);
        }
        Position[] positions = new Position[n];
        NodeInfo[] nodes = new NodeInfo[n];
        for (int i = 0; i < n; i++) {
            NodeUnits wanted = request.units.get(i);
            nodes[i] = state.node(wanted.nodeId);
            positions[i] = state.position(wanted.nodeId);
            if (wanted.units <= 0
                    || nodes[i] == null
                    || !nodes[i].isOpen()
                    || positions[i] == null
                    || state.sellable(nodes[i], positions[i].atp(state.safetyStock(nodes[i])))
                            < wanted.units
                    || appearsEarlier(request.units, i)) {
                return refusal(request, state);
            }
        }
        Reservation reservation = state.reservation(request.orderId);
        if (reservation == null) {
            reservation = new Reservation(request.orderId, request.eventTime, request.alternatives);
        }
        NetworkTotals totals = publisher.beginChange(state);
        for (int i = 0; i < n; i++) {
            NodeUnits wanted = request.units.get(i);
            positions[i].reserved += wanted.units;
            reservation.add(wanted.nodeId, wanted.units);
            publisher.publishAndStore(
                    request.sku,
                    wanted.nodeId,
                    positions[i],
                    nodes[i],
                    totals,
                    request.eventTime,
                    request.eventId,
                    state,
                    out);
        }
        state.putReservation(reservation);
        publisher.endChange(request.sku, totals, request.eventTime, out);
        StockReply granted = new StockReply(StockReply.Kind.GRANTED, request);
        granted.units = copy(reservation.held);
        return granted;
    }

    /** Holds nothing: the answer carries the SKU's ATP now, to re-plan with. */
    private static StockReply refusal(StockRequest request, SkuLedger.State state) {
        StockReply refused = new StockReply(StockReply.Kind.REFUSED, request);
        available(state, refused.units);
        inbound(state, refused.inbound);
        return refused;
    }

    private static boolean appearsEarlier(List<NodeUnits> units, int i) {
        for (int j = 0; j < i; j++) {
            if (units.get(j).nodeId.equals(units.get(i).nodeId)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Gives back (RELEASE) or ships (COMMIT) everything the order holds of this SKU, wherever a
     * re-route has moved it. A commit is an on-hand decrement stamped at the request's time, so the
     * count rules treat it as any other delta.
     */
    private void settle(
            StockRequest request, boolean commit, SkuLedger.State state, SkuLedger.Output out) {
        Reservation reservation = state.reservation(request.orderId);
        if (reservation == null) {
            return; // nothing held: a backordered line, or already settled
        }
        NetworkTotals totals = publisher.beginChange(state);
        promises.releaseAll(
                request.sku, reservation, totals, request.eventTime, request.eventId, state, out);
        for (NodeUnits held : reservation.held) {
            Position p = state.position(held.nodeId);
            p.reserved -= held.units;
            if (commit) {
                InventoryEvent shipment =
                        new InventoryEvent(
                                request.eventId + '@' + held.nodeId,
                                request.eventTime,
                                request.sku,
                                held.nodeId,
                                EventType.FULFILMENT,
                                held.units,
                                SourceSystem.ORDERS);
                Deltas.apply(p, shipment, -held.units);
                publisher.recordDemand(p, held.units, request.eventTime);
            }
            publisher.publishAndStore(
                    request.sku,
                    held.nodeId,
                    p,
                    state.node(held.nodeId),
                    totals,
                    request.eventTime,
                    request.eventId,
                    state,
                    out);
        }
        state.removeReservation(request.orderId);
        publisher.endChange(request.sku, totals, request.eventTime, out);
    }

    /**
     * After an event left reserved above on-hand at a node: raises a SHORTAGE alert and moves the
     * newest reservations there elsewhere until reserved fits on-hand again. The caller publishes
     * and stores {@code short}.
     */
    void resolveShortage(
            String sku,
            String nodeId,
            Position shortPosition,
            NodeInfo node,
            NetworkTotals totals,
            long eventTime,
            String causeEventId,
            SkuLedger.State state,
            SkuLedger.Output out) {
        out.alert(
                new StockAlert(
                        sku,
                        nodeId,
                        AlertType.SHORTAGE,
                        shortPosition.publishedAtp,
                        shortPosition.atp(state.safetyStock(node)),
                        shortPosition.reserved - shortPosition.onHand,
                        eventTime,
                        shortPosition.version));
        String reason =
                "shortage at "
                        + nodeId
                        + ": "
                        + shortPosition.reserved
                        + " reserved, "
                        + shortPosition.onHand
                        + " on hand";
        for (Reservation reservation : holdersOf(nodeId, state)) {
            if (shortPosition.reserved <= shortPosition.onHand) {
                break;
            }
            moveOff(
                    sku,
                    reservation,
                    nodeId,
                    shortPosition,
                    totals,
                    eventTime,
                    causeEventId,
                    reason,
                    state,
                    out);
        }
    }

    /**
     * Moves every reservation off a node that closed. The caller publishes and stores {@code p}.
     */
    void moveAllOff(
            String sku,
            String nodeId,
            Position p,
            NetworkTotals totals,
            long eventTime,
            String causeEventId,
            SkuLedger.State state,
            SkuLedger.Output out) {
        for (Reservation reservation : holdersOf(nodeId, state)) {
            moveOff(
                    sku,
                    reservation,
                    nodeId,
                    p,
                    totals,
                    eventTime,
                    causeEventId,
                    "node " + nodeId + " closed",
                    state,
                    out);
        }
    }

    private static List<Reservation> holdersOf(String nodeId, SkuLedger.State state) {
        List<Reservation> holders = new ArrayList<>();
        for (Reservation r : state.reservations()) {
            if (r.unitsAt(nodeId) > 0) {
                holders.add(r);
            }
        }
        holders.sort(NEWEST_FIRST);
        return holders;
    }

    /**
     * Moves an order's units off a node to its best alternative that has the ATP for all of them,
     * or nowhere (backordered), and tells routing.
     */
    private void moveOff(
            String sku,
            Reservation reservation,
            String fromNodeId,
            Position from,
            NetworkTotals totals,
            long eventTime,
            String causeEventId,
            String reason,
            SkuLedger.State state,
            SkuLedger.Output out) {
        long units = reservation.unitsAt(fromNodeId);
        from.reserved -= units;
        reservation.removeNode(fromNodeId);
        String toNodeId = null;
        for (String candidate : reservation.alternatives) {
            NodeInfo node = state.node(candidate);
            Position to = candidate.equals(fromNodeId) ? null : state.position(candidate);
            if (node != null
                    && node.isOpen()
                    && to != null
                    && to.atp(state.safetyStock(node)) >= units) {
                to.reserved += units;
                reservation.add(candidate, units);
                publisher.publishAndStore(
                        sku, candidate, to, node, totals, eventTime, causeEventId, state, out);
                toNodeId = candidate;
                break;
            }
        }
        if (reservation.isEmpty()) {
            state.removeReservation(reservation.orderId);
        } else {
            state.putReservation(reservation);
        }
        StockReply moved = new StockReply();
        moved.kind = StockReply.Kind.REROUTED;
        moved.orderId = reservation.orderId;
        moved.sku = sku;
        moved.requestId = causeEventId;
        moved.eventTime = eventTime;
        moved.units = copy(reservation.held);
        moved.fromNodeId = fromNodeId;
        moved.toNodeId = toNodeId;
        moved.movedUnits = units;
        moved.reason = reason;
        out.reply(moved);
    }

    private static List<NodeUnits> copy(List<NodeUnits> units) {
        List<NodeUnits> copy = new ArrayList<>(units.size());
        for (NodeUnits u : units) {
            copy.add(new NodeUnits(u.nodeId, u.units));
        }
        return copy;
    }
}
