package io.omnistock.engine.functions;

import io.omnistock.avro.RoutingDecision;
import io.omnistock.domain.inventory.Rejection;
import io.omnistock.domain.orders.OrderRouting;
import io.omnistock.ledger.domain.StockRequest;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.util.Collector;

/**
 * The output adapter of order routing: turns its facts into decisions, reservation requests and
 * dead letters (a rejected record that is not the one in hand is read back from the held records).
 */
final class OrderRoutingOutput implements OrderRouting.Output {
    private final MapState<String, SourcedEvent> held;
    private final LedgerMetrics.Count processed;
    private final LedgerMetrics.Count deadLettered;
    private final LedgerMetrics.Count decisions;
    private SourcedEvent current;
    private RouteOrderFunction.ReadOnlyContext ctx;
    private Collector<RoutingDecision> out;

    OrderRoutingOutput(
            MapState<String, SourcedEvent> held,
            LedgerMetrics.Count processed,
            LedgerMetrics.Count deadLettered,
            LedgerMetrics.Count decisions) {
        this.held = held;
        this.processed = processed;
        this.deadLettered = deadLettered;
        this.decisions = decisions;
    }

    /** Binds the record in hand (null for a held one) and where its outputs go. */
    void bind(
            SourcedEvent current,
            RouteOrderFunction.ReadOnlyContext ctx,
            Collector<RoutingDecision> out) {
        this.current = current;
        this.ctx = ctx;
        this.out = out;
    }

    @Override
    public void request(StockRequest request) {
        ctx.output(LedgerOutputs.RESERVATION_REQUESTS, InventoryEventMapper.toReservation(request));
    }

    @Override
    public void decision(RoutingDecision decision) {
        decisions.inc();
        out.collect(decision);
    }

    @Override
    public void rejected(String eventId, Rejection rejection) {
        SourcedEvent record = current;
        try {
            if (current == null || !isRecord(current, eventId)) {
                record = held.get(eventId);
                // counted as processed when it arrived: it is dead-lettered instead
                processed.dec();
                deadLettered.inc();
            }
        } catch (Exception e) {
            throw new IllegalStateException("state access failed", e);
        }
        if (record != null) {
            ctx.output(
                    LedgerOutputs.DEAD_LETTERS,
                    record.toDeadLetter(rejection.reason(), rejection.message()));
        }
    }

    private static boolean isRecord(SourcedEvent in, String eventId) {
        return (in.order != null && in.order.getEventId().equals(eventId))
                || (in.lifecycle != null && in.lifecycle.getEventId().equals(eventId));
    }
}
