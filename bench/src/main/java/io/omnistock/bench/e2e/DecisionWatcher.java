package io.omnistock.bench.e2e;

import io.omnistock.avro.RoutingDecision;
import io.omnistock.contracts.Topics;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads {@code orders.decisions} as an order service would: each decision is matched by its order
 * id to the order that asked (only an order's first decision is timed). Counts every decision read.
 */
final class DecisionWatcher extends LatencyWatcher<RoutingDecision> {
    private final AtomicLong decisions = new AtomicLong();

    DecisionWatcher(String bootstrapServers, boolean readCommitted) {
        super(bootstrapServers, Topics.DECISIONS, readCommitted);
    }

    @Override
    String matchKey(RoutingDecision decision) {
        return decision.getOrderId();
    }

    @Override
    void onRecord(RoutingDecision decision) {
        decisions.incrementAndGet();
    }

    /** Decisions read so far. */
    long decisions() {
        return decisions.get();
    }
}
