package io.omnistock.domain.planning;

import io.omnistock.ledger.domain.NodeInfo;

/** Whether a node can take one more shipment today (its daily order capacity). */
@FunctionalInterface
public interface CapacityView {
    /** Every node has room: for tests and for callers that do not track capacity. */
    CapacityView UNLIMITED = node -> true;

    boolean hasCapacity(NodeInfo node);
}
