package io.omnistock.ledger.domain.orders;

import io.omnistock.avro.Allocation;
import io.omnistock.avro.InboundPromise;
import io.omnistock.avro.OrderLifecycleEvent;
import io.omnistock.avro.OrderLine;
import io.omnistock.avro.OrderRequest;
import io.omnistock.avro.ScoredCandidate;
import io.omnistock.ledger.domain.StockReply;
import java.util.ArrayList;
import java.util.List;

/** Routing's state of one order, keyed by order id. A Flink POJO. */
public class OrderState {
    public enum Phase {
        /** Waiting for the ledger's ATP of every SKU of the order. */
        PLANNING,
        /** Waiting for the ledger to grant or refuse the planned reservations. */
        RESERVING,
        /** The final decision is out; the reservations are held. */
        DECIDED,
        /** Cancelled, shipped or picked up: nothing is held any more. */
        CLOSED,
        /**
         * Waiting for the ledger to promise inbound units to the backordered lines of an order
         * allowing future supply (PROMISE). Appended: enum constants are a savepoint contract.
         */
        PROMISING
    }

    /** Null until the order itself arrives (its stock replies may come first). */
    public Phase phase;

    public OrderRequest order;

    /** Planning round, from 1: a refused reservation makes routing re-plan. */
    public int attempt;

    /** Decisions published so far. */
    public int revision;

    public List<SkuStock> stock = new ArrayList<>();

    /** SKUs whose probe or grant this round still waits for. */
    public List<String> awaiting = new ArrayList<>();

    /** SKUs refused this round. */
    public List<String> refused = new ArrayList<>();

    /** Planned allocations waiting for their grant. */
    public List<Allocation> proposed = new ArrayList<>();

    /** Allocations the ledger holds. */
    public List<Allocation> granted = new ArrayList<>();

    public List<OrderLine> backordered = new ArrayList<>();

    /** Backordered lines promised against inbound ASNs at the final decision. */
    public List<InboundPromise> inboundPromises = new ArrayList<>();

    /** The first round's scored plans, best first. */
    public List<ScoredCandidate> candidates = new ArrayList<>();

    public Double baselineCo2eKg;

    /** Cost of the first round's cost-only baseline plan; null in state written before it. */
    public Double baselineCost;

    /** Stock replies that arrived before the order. */
    public List<StockReply> early = new ArrayList<>();

    /** A lifecycle event that arrived while the order was still being routed. */
    public OrderLifecycleEvent pendingLifecycle;

    public String lastLifecycleId;

    /** Event ids of input records the routing function keeps for a possible dead letter. */
    public List<String> held = new ArrayList<>();

    /**
     * The sourcing rule that planned the order ({@code fallback} when a rule set was in force but
     * no rule matched); null when no rule set was in force, and in state written before rules.
     */
    public String ruleId;

    /** Version of the sourcing rule set that planned the order; null when none was in force. */
    public Long ruleSetVersion;

    /**
     * Whether the ledger was asked to promise inbound to the order's backordered lines (on the
     * single-SKU fast path it did so while routing it): asked once per order.
     */
    public boolean promisesAsked;

    public OrderState() {}

    /** Whether an input record with this event id may still be dead-lettered. */
    public boolean mayReject(String eventId) {
        return (phase == Phase.PLANNING && order.getEventId().equals(eventId))
                || (pendingLifecycle != null && pendingLifecycle.getEventId().equals(eventId));
    }

    /**
     * Whether there is anything to keep: an order, or replies or a lifecycle event waiting for it.
     */
    public boolean isEmpty() {
        return phase == null && early.isEmpty() && pendingLifecycle == null;
    }

    public SkuStock stockOf(String sku) {
        for (SkuStock s : stock) {
            if (s.sku.equals(sku)) {
                return s;
            }
        }
        return null;
    }

    public void putStock(SkuStock fresh) {
        stock.removeIf(s -> s.sku.equals(fresh.sku));
        stock.add(fresh);
    }
}
