package io.omnistock.domain.planning;

import io.omnistock.avro.FulfilmentMethod;
import io.omnistock.ledger.domain.NodeInfo;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Which nodes may fulfil an order (docs/design.md section 4), before stock is looked at: OPEN, in
 * the order's node group if it names one, allowed for the method, and with capacity left.
 */
public final class CandidateFilter implements Serializable {
    private static final long serialVersionUID = 1L;

    private static final Comparator<NodeInfo> BY_ID = Comparator.comparing(node -> node.nodeId);

    private final RoutingPolicy policy;

    public CandidateFilter(RoutingPolicy policy) {
        this.policy = policy;
    }

    /** The eligible nodes, sorted by node id (whatever order they came in). */
    public List<NodeInfo> eligible(Order order, Collection<NodeInfo> nodes, CapacityView capacity) {
        List<NodeInfo> eligible = new ArrayList<>();
        for (NodeInfo node : nodes) {
            if (check(order, node, capacity).isEligible()) {
                eligible.add(node);
            }
        }
        eligible.sort(BY_ID);
        return eligible;
    }

    /**
     * Whether the node may fulfil the order, or the first rule that excludes it: status, then the
     * order's node group, then the method's rules, then capacity (asked last, only of nodes that
     * pass the rest).
     */
    public Eligibility check(Order order, NodeInfo node, CapacityView capacity) {
        if (!node.isOpen()) {
            return Eligibility.NOT_OPEN;
        }
        if (order.hasNodeGroup() && !node.inGroup(order.nodeGroup())) {
            return Eligibility.NOT_IN_GROUP;
        }
        Eligibility byMethod = byMethod(order, node);
        if (!byMethod.isEligible()) {
            return byMethod;
        }
        return capacity.hasCapacity(node) ? Eligibility.ELIGIBLE : Eligibility.AT_CAPACITY;
    }

    private Eligibility byMethod(Order order, NodeInfo node) {
        FulfilmentMethod method = order.method();
        switch (method) {
            case BOPIS, CURBSIDE -> {
                if (!node.nodeId.equals(order.pickupNodeId())) {
                    return Eligibility.NOT_THE_PICKUP_NODE;
                }
                return node.offers(method) ? Eligibility.ELIGIBLE : Eligibility.METHOD_NOT_OFFERED;
            }
            case SAME_DAY -> {
                if (!node.offers(FulfilmentMethod.SAME_DAY)) {
                    return Eligibility.METHOD_NOT_OFFERED;
                }
                double km = location(node).greatCircleKm(order.destination());
                return km <= policy.sameDayRadiusKm()
                        ? Eligibility.ELIGIBLE
                        : Eligibility.OUTSIDE_SAME_DAY_RADIUS;
            }
            case SHIP_TO_HOME -> {
                if (node.offers(FulfilmentMethod.SHIP_TO_HOME)) {
                    return Eligibility.ELIGIBLE;
                }
                if (!node.offers(FulfilmentMethod.SHIP_FROM_STORE)) {
                    return Eligibility.METHOD_NOT_OFFERED;
                }
                return order.shipFromStoreAllowed()
                        ? Eligibility.ELIGIBLE
                        : Eligibility.SHIP_FROM_STORE_NOT_ALLOWED;
            }
            default -> {
                return Eligibility.METHOD_NOT_OFFERED;
            }
        }
    }

    static GeoPoint location(NodeInfo node) {
        return new GeoPoint(node.latitude, node.longitude);
    }
}
