package io.omnistock.domain.inventory;

import io.omnistock.avro.OrderLine;
import io.omnistock.avro.OrderRequest;
import io.omnistock.domain.holds.HoldOutcome;
import io.omnistock.domain.orders.DailyCapacity;
import io.omnistock.domain.orders.SingleSkuPlanner;
import io.omnistock.ledger.domain.Hold;
import io.omnistock.ledger.domain.NodeInfo;
import io.omnistock.ledger.domain.NodeUnits;
import io.omnistock.ledger.domain.StockReply;
import io.omnistock.ledger.domain.StockRequest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The single-SKU fast path, on the SKU's ledger (README, routing): a ROUTE request carries a
 * single-SKU order; the ledger plans it with routing's own rules ({@link SingleSkuPlanner}) on its
 * ATP, reserves the plan atomically (the same grant as a RESERVE: never more than a node's ATP,
 * on-hand minus safety stock minus reserved) and answers ROUTED with the ATP it planned on, the
 * grant and the plan's decision records, in the job. Routing then decides without planning again
 * and without a reservation round trip through Kafka.
 *
 * <p>Whenever the ledger cannot decide (no planner, an unknown SKU, an order routing will reject,
 * an order that already holds this SKU, a ROUTE seen before) it answers as a PROBE and routing
 * takes the loop, as for a multi-SKU order. Daily order capacity is judged on this ledger
 * instance's share of each node's capacity.
 */
final class SkuRouting {
    private final SkuReservations reservations;
    private final SkuPromises promises;
    private final SingleSkuPlanner planner;

    /**
     * This ledger instance's share of each node's daily order capacity ({@link
     * DailyCapacity#setParallelism}), booked by every order it decides: routing keeps its own view
     * for the orders it plans, and books these decisions in it too. Like routing's, the view is an
     * even share per instance, so the network's total stays near each node's capacity; it lives on
     * the heap, so after a restart an instance starts the day's bookings afresh.
     */
    private final DailyCapacity capacity = new DailyCapacity();

    /** {@code planner} null: every ROUTE is answered as a PROBE. */
    SkuRouting(SkuReservations reservations, SkuPromises promises, SingleSkuPlanner planner) {
        this.reservations = reservations;
        this.promises = promises;
        this.planner = planner;
    }

    void setParallelism(int parallelism) {
        capacity.setParallelism(parallelism);
    }

    void route(
            StockRequest request,
            OrderRequest order,
            Collection<NodeInfo> nodes,
            long nowMillis,
            SkuLedger.State state,
            SkuLedger.HoldStore holds,
            SkuLedger.Output out) {
        Hold hold = confirmedHold(order, holds);
        if (hold != null) {
            routeHeld(request, order, hold, nodes, nowMillis, state, holds, out);
            return;
        }
        List<NodeUnits> atp = new ArrayList<>();
        boolean known = SkuReservations.available(state, atp);
        // one grant per order event: a redelivered order must not hold its units twice
        String grantId = request.eventId + "/route";
        SingleSkuPlanner.Proposal proposal =
                planner == null
                                || order == null
                                || !known
                                || state.reservation(request.orderId) != null
                                || state.seen(grantId)
                        ? null
                        : planner.propose(
                                order,
                                nowMillis,
                                state::node,
                                nodes,
                                atp,
                                node -> capacity.hasCapacity(node, request.eventTime));
        if (proposal == null || !proposal.sku().equals(request.sku)) {
            asProbe(request, state, out);
            return;
        }
        StockReply routed =
                proposal.units().isEmpty()
                        ? answer(request, proposal, atp, state)
                        : grant(request, proposal, atp, state, out);
        if (routed == null) {
            asProbe(request, state, out); // cannot happen on the ATP just read; the loop copes
            return;
        }
        if (order.getAllowFutureSupply() && !routed.backordered.isEmpty()) {
            promiseBackordered(request, order, nodes, routed, state, out);
        }
        out.reply(routed);
    }

    /**
     * An order allowing future supply: what on-hand could not fill is promised from inbound no
     * other order was promised ({@link SkuPromises}), and the ROUTED answer says so.
     */
    private void promiseBackordered(
            StockRequest request,
            OrderRequest order,
            Collection<NodeInfo> nodes,
            StockReply routed,
            SkuLedger.State state,
            SkuLedger.Output out) {
        long wanted = 0;
        for (OrderLine line : routed.backordered) {
            wanted += line.getQuantity();
        }
        routed.promised =
                promises.promise(
                        request.sku,
                        request.orderId,
                        request.eventTime,
                        wanted,
                        order.getPromiseBy().toEpochMilli(),
                        planner.inboundNodes(order, nodes),
                        request.eventTime,
                        request.eventId,
                        null,
                        null,
                        null,
                        state,
                        out);
        state.remember(request.eventId + "/route", request.eventTime);
    }

    /** The hold of this SKU the order names in {@code holdIds}, or null. */
    private static Hold confirmedHold(OrderRequest order, SkuLedger.HoldStore holds) {
        if (order == null || holds == null || order.getHoldIds() == null) {
            return null;
        }
        for (String holdId : order.getHoldIds()) {
            Hold hold = holdId == null ? null : holds.get(holdId);
            if (hold != null) {
                return hold;
            }
        }
        return null;
    }

    /**
     * Confirms a hold (docs/concepts/holds.md): the hold's units go back into its node's ATP and
     * the order is planned on that node alone, so its grant takes them (with whatever else the node
     * has free) in the same step: no other request of the SKU comes between, and no ATP check
     * counts the order's own held units against it. The hold is CONVERTED and gone; units it held
     * beyond the grant are free again. When the plan takes nothing there (the node cannot serve the
     * order's method, or closed), the hold stands as it was and the order takes the loop.
     */
    private void routeHeld(
            StockRequest request,
            OrderRequest order,
            Hold hold,
            Collection<NodeInfo> nodes,
            long nowMillis,
            SkuLedger.State state,
            SkuLedger.HoldStore holds,
            SkuLedger.Output out) {
        String grantId = request.eventId + "/route";
        Position p = state.position(hold.nodeId);
        NodeInfo node = state.node(hold.nodeId);
        if (planner == null
                || p == null
                || state.reservation(request.orderId) != null
                || state.seen(grantId)) {
            asProbe(request, state, out);
            return;
        }
        p.held -= hold.units;
        state.putPosition(hold.nodeId, p); // the grant reads it back
        List<NodeUnits> atp = new ArrayList<>();
        long free = node != null && node.isOpen() ? p.atp(state.safetyStock(node)) : 0;
        if (free > 0) {
            atp.add(new NodeUnits(hold.nodeId, free));
        }
        SingleSkuPlanner.Proposal proposal =
                planner.propose(
                        order,
                        nowMillis,
                        state::node,
                        nodes,
                        atp,
                        n -> capacity.hasCapacity(n, request.eventTime));
        StockReply routed =
                proposal == null
                                || !proposal.sku().equals(request.sku)
                                || proposal.units().isEmpty()
                        ? null
                        : grant(request, proposal, atp, state, out);
        if (routed == null) {
            p = state.position(hold.nodeId);
            p.held += hold.units; // the hold stands as it was
            state.putPosition(hold.nodeId, p);
            asProbe(request, state, out);
            return;
        }
        holds.remove(hold.holdId);
        long converted = 0;
        for (NodeUnits u : routed.granted) {
            if (u.nodeId.equals(hold.nodeId)) {
                converted += u.units;
            }
        }
        out.hold(
                new HoldOutcome(
                        HoldOutcome.Type.CONVERTED,
                        hold.holdId,
                        request.sku,
                        hold.nodeId,
                        converted,
                        HoldOutcome.NO_EXPIRY,
                        null,
                        hold.channel,
                        order.getEventId(),
                        request.eventTime));
        out.reply(routed);
    }

    /**
     * Reserves a proposal's units and books their capacity; returns the ROUTED answer, or null when
     * the grant was refused.
     */
    private StockReply grant(
            StockRequest request,
            SingleSkuPlanner.Proposal proposal,
            List<NodeUnits> atp,
            SkuLedger.State state,
            SkuLedger.Output out) {
        StockReply routed = answer(request, proposal, atp, state);
        StockRequest reserve =
                new StockRequest(
                        request.orderId + "/1/" + request.sku, // routing's first RESERVE id
                        request.eventTime,
                        request.orderId,
                        request.sku,
                        StockRequest.Action.RESERVE,
                        1);
        reserve.units.addAll(proposal.units());
        reserve.alternatives.addAll(proposal.alternatives());
        StockReply answer = reservations.hold(reserve, state, out);
        if (answer.kind != StockReply.Kind.GRANTED) {
            return null;
        }
        state.remember(request.eventId + "/route", request.eventTime);
        routed.granted = answer.units;
        for (NodeUnits held : answer.units) {
            NodeInfo node = state.node(held.nodeId);
            if (node != null) {
                capacity.book(node, request.eventTime);
            }
        }
        return routed;
    }

    /** The ROUTED answer of a proposal, planned on {@code atp}, before any grant. */
    private static StockReply answer(
            StockRequest request,
            SingleSkuPlanner.Proposal proposal,
            List<NodeUnits> atp,
            SkuLedger.State state) {
        StockReply routed = new StockReply(StockReply.Kind.ROUTED, request);
        routed.units = atp;
        SkuReservations.inbound(state, routed.inbound);
        routed.allocations = proposal.allocations();
        routed.candidates = proposal.candidates();
        routed.baselineCo2eKg = proposal.baselineCo2eKg();
        routed.baselineCost = proposal.baselineCost();
        routed.backordered = proposal.backordered();
        return routed;
    }

    private void asProbe(StockRequest request, SkuLedger.State state, SkuLedger.Output out) {
        StockRequest probe =
                new StockRequest(
                        request.eventId,
                        request.eventTime,
                        request.orderId,
                        request.sku,
                        StockRequest.Action.PROBE,
                        request.attempt);
        reservations.handle(probe, state, out);
    }
}
