package io.omnistock.domain.planning;

/** Whether a node may fulfil an order, and if not, the first rule that excluded it. */
public enum Eligibility {
    ELIGIBLE,
    /** The node is CLOSED or DEGRADED. */
    NOT_OPEN,
    /** BOPIS / CURBSIDE: the node is not the order's pickup node. */
    NOT_THE_PICKUP_NODE,
    /** The node does not offer the order's method (SHIP_TO_HOME: nor ship-from-store). */
    METHOD_NOT_OFFERED,
    /** SHIP_TO_HOME: the node only ships from store and the order does not allow that. */
    SHIP_FROM_STORE_NOT_ALLOWED,
    /** SAME_DAY: the node is further from the destination than the same-day radius. */
    OUTSIDE_SAME_DAY_RADIUS,
    /** The node has used its daily order capacity. */
    AT_CAPACITY,
    /** The order names a node group the node does not belong to. */
    NOT_IN_GROUP;

    public boolean isEligible() {
        return this == ELIGIBLE;
    }
}
