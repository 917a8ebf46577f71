package io.omnistock.ledger.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * What routing asks of a SKU's ledger for one order. PROBE reads ATP per node; RESERVE holds units
 * (all of them or none); RELEASE gives an order's units back; COMMIT turns them into an on-hand
 * decrement (shipped or picked up); QUOTE reads ATP like PROBE for a delivery-options quote (its
 * {@link #orderId} is the quote's request id); ROUTE asks the ledger to plan, reserve and answer a
 * single-SKU order in one step (its record carries the order; see {@code SkuRouting}). A Flink
 * POJO.
 */
public class StockRequest {
    public enum Action {
        PROBE,
        RESERVE,
        RELEASE,
        COMMIT,
        /** Appended: enum constants are a savepoint contract. */
        QUOTE,
        /**
         * Appended. Made in the job for a single-SKU order (never through Kafka): plan, reserve and
         * answer ROUTED at once, or answer as PROBE when the order must take the loop.
         */
        ROUTE,
        /**
         * Appended. Reserve up to the {@link #units} wanted (their node ids are ignored) from
         * inbound ASNs no order was promised, at the {@link #alternatives} nodes, with an ETA at or
         * before {@link #promiseBy}, earliest first; answered PROMISED with what was promised.
         */
        PROMISE
    }

    /** Unique per request: RESERVE, RELEASE and COMMIT are applied once. */
    public String eventId;

    public long eventTime;
    public String orderId;
    public String sku;
    public Action action;

    /** Planning round of the order this request belongs to (1 for the first plan). */
    public int attempt;

    /** RESERVE: units wanted per node. */
    public List<NodeUnits> units = new ArrayList<>();

    /** RESERVE: other nodes for these units, best first, for re-routing on a shortage. */
    public List<String> alternatives = new ArrayList<>();

    /**
     * PROBE, QUOTE and RESERVE: the sales channel of the order or quote, whose available to sell
     * bounds the answer (docs/concepts/channels.md); null or empty: plain ATP. Appended: null in
     * state from before channels.
     */
    public String channel;

    /**
     * PROMISE, and ROUTE of an order allowing future supply: the latest ETA a promised ASN may
     * have. 0 ({@link #NO_FUTURE_SUPPLY}): no inbound may be promised.
     */
    public long promiseBy = NO_FUTURE_SUPPLY;

    public static final long NO_FUTURE_SUPPLY = 0;

    public StockRequest() {}

    public StockRequest(
            String eventId,
            long eventTime,
            String orderId,
            String sku,
            Action action,
            int attempt) {
        this.eventId = eventId;
        this.eventTime = eventTime;
        this.orderId = orderId;
        this.sku = sku;
        this.action = action;
        this.attempt = attempt;
    }

    @Override
    public String toString() {
        return action + "[" + orderId + " " + sku + " #" + attempt + " " + units + "]";
    }
}
