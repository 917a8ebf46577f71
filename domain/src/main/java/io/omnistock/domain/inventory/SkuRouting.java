package io.omnistock.domain.inventory;

import io.omnistock.avro.OrderRequest;
import io.omnistock.domain.orders.DailyCapacity;
import io.omnistock.domain.orders.SingleSkuPlanner;
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
    SkuRouting(SkuReservations reservations, SingleSkuPlanner planner) {
        this.reservations = reservations;
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
            SkuLedger.Output out) {
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
        StockReply routed = new StockReply(StockReply.Kind.ROUTED, request);
        routed.units = atp;
        SkuReservations.inbound(state, routed.inbound);
        routed.allocations = proposal.allocations();
        routed.candidates = proposal.candidates();
        routed.baselineCo2eKg = proposal.baselineCo2eKg();
        routed.baselineCost = proposal.baselineCost();
        routed.backordered = proposal.backordered();
        if (!proposal.units().isEmpty()) {
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
                asProbe(request, state, out); // cannot happen on the ATP just read; the loop copes
                return;
            }
            state.remember(grantId, request.eventTime);
            routed.granted = answer.units;
            for (NodeUnits held : answer.units) {
                NodeInfo node = state.node(held.nodeId);
                if (node != null) {
                    capacity.book(node, request.eventTime);
                }
            }
        }
        out.reply(routed);
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
