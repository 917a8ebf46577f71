package io.omnistock.domain.sourcing;

/** What a matching sourcing rule does with an order. */
public enum SourcingAction {
    /** Route it, under the rule's strategy (eligible nodes, split, weights). */
    ROUTE,
    /** Reserve nothing: the whole order is backordered. */
    BACKORDER,
    /** Reserve nothing and hold the order for a person to review (decided BACKORDERED). */
    HOLD_FOR_REVIEW,
    /** Refuse the order (decided REJECTED with the rule's reason). */
    REJECT
}
