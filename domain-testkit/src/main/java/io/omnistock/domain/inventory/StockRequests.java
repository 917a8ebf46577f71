package io.omnistock.domain.inventory;

import io.omnistock.ledger.domain.NodeUnits;
import io.omnistock.ledger.domain.StockRequest;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Test vocabulary for what routing asks of {@link LedgerEvents#SKU}'s ledger, e.g. {@code
 * reserve("O-1", at(9, 0), List.of(STORE, DC), units(STORE, 2))}.
 */
final class StockRequests {
    private static final AtomicLong IDS = new AtomicLong();

    static NodeUnits units(String nodeId, long units) {
        return new NodeUnits(nodeId, units);
    }

    static StockRequest probe(String orderId) {
        return request(orderId, LedgerEvents.at(8, 0), StockRequest.Action.PROBE);
    }

    /** Units wanted per node, all or none; {@code alternatives} ranked best first. */
    static StockRequest reserve(
            String orderId, long at, List<String> alternatives, NodeUnits... units) {
        StockRequest reserve = request(orderId, at, StockRequest.Action.RESERVE);
        reserve.units.addAll(List.of(units));
        reserve.alternatives.addAll(alternatives);
        return reserve;
    }

    static StockRequest release(String orderId, long at) {
        return request(orderId, at, StockRequest.Action.RELEASE);
    }

    static StockRequest commit(String orderId, long at) {
        return request(orderId, at, StockRequest.Action.COMMIT);
    }

    /** A copy with the same event id (a duplicate delivery). */
    static StockRequest copyOf(StockRequest r) {
        StockRequest copy =
                new StockRequest(r.eventId, r.eventTime, r.orderId, r.sku, r.action, r.attempt);
        for (NodeUnits u : r.units) {
            copy.units.add(new NodeUnits(u.nodeId, u.units));
        }
        copy.alternatives.addAll(r.alternatives);
        return copy;
    }

    private static StockRequest request(String orderId, long at, StockRequest.Action action) {
        return new StockRequest(
                action.name().toLowerCase() + "-" + IDS.incrementAndGet(),
                at,
                orderId,
                LedgerEvents.SKU,
                action,
                1);
    }

    private StockRequests() {}
}
