package io.omnistock.domain.planning;

/** How much of an order routing could place. */
public enum RoutingOutcome {
    /** Every unit allocated. */
    ROUTED,
    /** Some units allocated, the rest backordered. */
    PARTIALLY_ROUTED,
    /** Nothing allocatable: every line backordered. */
    BACKORDERED
}
