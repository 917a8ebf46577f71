package io.omnistock.engine.functions;

import io.omnistock.avro.OrderRequest;
import io.omnistock.avro.RoutingDecision;
import io.omnistock.domain.orders.OrderRouting;
import io.omnistock.ledger.domain.orders.OrderState;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.util.Collector;

/**
 * The orders role of {@link RouteOrderFunction}, keyed by order id: orders, their lifecycle events
 * and the ledger's replies about them, under {@link OrderRouting}'s rules. Keeps each order's state
 * and the input records the rules may still reject, and an event-time timer per order (its
 * retention, or the wait for the order of an early lifecycle event).
 */
final class OrderHandler {
    private final OrderRouting routing;
    private final long retentionMillis;
    private final ValueState<OrderState> orders;
    private final MapState<String, SourcedEvent> held;
    private final RoutingNetworkState network;
    private final OrderRoutingOutput output;
    private final LedgerMetrics.Count processed;
    private final LedgerMetrics.Count deadLettered;

    OrderHandler(
            OrderRouting routing,
            long retentionMillis,
            ValueState<OrderState> orders,
            MapState<String, SourcedEvent> held,
            RoutingNetworkState network,
            OrderRoutingOutput output,
            LedgerMetrics.Count processed,
            LedgerMetrics.Count deadLettered) {
        this.routing = routing;
        this.retentionMillis = retentionMillis;
        this.orders = orders;
        this.held = held;
        this.network = network;
        this.output = output;
        this.processed = processed;
        this.deadLettered = deadLettered;
    }

    /** An order, a lifecycle event or a reply of the ledger about an order. */
    void onRecord(
            SourcedEvent in, RouteOrderFunction.ReadOnlyContext ctx, Collector<RoutingDecision> out)
            throws Exception {
        OrderState s = orders.value();
        if (s == null) {
            s = new OrderState();
        }
        OrderRequest order = in.order != null ? in.order : s.order;
        network.bind(
                ctx.getBroadcastState(ApplyInventoryEventFunction.NODES),
                order == null ? 0 : order.getEventTime().toEpochMilli());
        output.bind(in, ctx, out);
        if (in.order != null) {
            boolean fresh = s.phase == null;
            count(routing.onOrder(in.order, s, network, output));
            if (fresh && s.phase != null) {
                ctx.timerService()
                        .registerEventTimeTimer(
                                in.order.getEventTime().toEpochMilli() + retentionMillis);
            }
            hold(in, in.order.getEventId(), s);
        } else if (in.lifecycle != null) {
            boolean unknownOrder = s.phase == null;
            OrderRouting.Outcome outcome = routing.onLifecycle(in.lifecycle, s, output);
            count(outcome);
            hold(in, in.lifecycle.getEventId(), s);
            if (unknownOrder && outcome == OrderRouting.Outcome.ACCEPTED) {
                // The order may still come, on its own topic: wait until the watermark passes
                // the event's time (the order is older), or decide now if it already has.
                long time = in.lifecycle.getEventTime().toEpochMilli();
                long watermark = ctx.timerService().currentWatermark();
                if (time <= watermark) {
                    output.bind(null, ctx, out); // a held record, counted as processed so far
                    routing.onTimer(s, watermark, retentionMillis, output);
                } else {
                    ctx.timerService().registerEventTimeTimer(time);
                }
            }
        } else {
            routing.onReply(in.reply, s, network, output);
        }
        releaseHeld(s);
        if (s.isEmpty()) {
            orders.clear();
        } else {
            orders.update(s);
        }
    }

    /**
     * Rejects a lifecycle event whose order never came, and forgets an order (releasing what it
     * still holds) a retention period after it was placed.
     */
    void onTimer(
            long timestamp, RouteOrderFunction.OnTimerContext ctx, Collector<RoutingDecision> out)
            throws Exception {
        OrderState s = orders.value();
        if (s == null) {
            return;
        }
        output.bind(null, ctx, out);
        if (routing.onTimer(s, timestamp, retentionMillis, output)) {
            orders.clear();
            held.clear();
        } else {
            releaseHeld(s);
            orders.update(s);
        }
    }

    private void count(OrderRouting.Outcome outcome) {
        (outcome == OrderRouting.Outcome.REJECTED ? deadLettered : processed).inc();
    }

    /** Keeps an input record while the rules may still reject it (e.g. an unknown SKU). */
    private void hold(SourcedEvent in, String eventId, OrderState s) throws Exception {
        if (s.mayReject(eventId) && !s.held.contains(eventId)) {
            held.put(eventId, in);
            s.held.add(eventId);
        }
    }

    private void releaseHeld(OrderState s) throws Exception {
        for (int i = s.held.size() - 1; i >= 0; i--) {
            String eventId = s.held.get(i);
            if (!s.mayReject(eventId)) {
                held.remove(eventId);
                s.held.remove(i);
            }
        }
    }
}
