package io.omnistock.domain.orders;

import io.omnistock.avro.DeadLetterReason;
import io.omnistock.avro.FulfilmentMethod;
import io.omnistock.avro.OrderLine;
import io.omnistock.avro.OrderRequest;
import io.omnistock.domain.inventory.LedgerSettings;
import io.omnistock.domain.inventory.Rejection;
import io.omnistock.domain.network.NodeGroups;
import io.omnistock.domain.planning.GeoPoint;
import io.omnistock.ledger.domain.NodeInfo;
import java.util.Collection;
import java.util.function.Function;

/** The rules an order request must meet before routing plans it (unknown SKUs aside). */
public final class OrderValidator {
    private final LedgerSettings settings;

    public OrderValidator(LedgerSettings settings) {
        this.settings = settings;
    }

    /**
     * Why the order cannot be routed, or null when it can.
     *
     * @param nodes the network's nodes by id
     * @param network every node of the network (to know the node groups)
     */
    public Rejection validate(
            OrderRequest order,
            long nowMillis,
            Function<String, NodeInfo> nodes,
            Collection<NodeInfo> network) {
        if (order.getEventTime().toEpochMilli() > nowMillis + settings.maxFutureSkewMillis()) {
            return new Rejection(
                    DeadLetterReason.FUTURE_EVENT_TIME, "order time " + order.getEventTime());
        }
        if (order.getLines().isEmpty()) {
            return new Rejection(DeadLetterReason.EMPTY_ORDER, "the order has no lines");
        }
        for (OrderLine line : order.getLines()) {
            if (line.getSku() == null || line.getSku().isBlank()) {
                return new Rejection(DeadLetterReason.MISSING_FIELD, "a line has no SKU");
            }
            if (line.getQuantity() <= 0) {
                return new Rejection(
                        DeadLetterReason.NON_POSITIVE_QUANTITY,
                        line.getSku() + " quantity " + line.getQuantity());
            }
            if (line.getQuantity() > settings.maxQuantity()) {
                return new Rejection(
                        DeadLetterReason.ABSURD_QUANTITY,
                        line.getSku() + " quantity " + line.getQuantity());
            }
        }
        FulfilmentMethod method = order.getMethod();
        Rejection byMethod =
                switch (method) {
                    case SHIP_TO_HOME, SAME_DAY -> checkDestination(order);
                    case BOPIS, CURBSIDE -> checkPickup(order, nodes);
                    default ->
                            new Rejection(
                                    DeadLetterReason.UNSUPPORTED_METHOD,
                                    method
                                            + " is not an order method (SHIP_TO_HOME, BOPIS, CURBSIDE, SAME_DAY)");
                };
        return byMethod != null ? byMethod : checkGroup(order, network);
    }

    private static Rejection checkGroup(OrderRequest order, Collection<NodeInfo> network) {
        String group = NodeGroups.named(order.getNodeGroup());
        if (group == null || NodeGroups.isKnown(group, network)) {
            return null;
        }
        return new Rejection(
                DeadLetterReason.UNKNOWN_NODE_GROUP, "no node belongs to node group " + group);
    }

    private static Rejection checkDestination(OrderRequest order) {
        Double lat = order.getDestinationLatitude();
        Double lon = order.getDestinationLongitude();
        if (lat == null || lon == null) {
            return new Rejection(
                    DeadLetterReason.MISSING_DESTINATION,
                    order.getMethod() + " needs a destination latitude and longitude");
        }
        if (!GeoPoint.isOnGlobe(lat, lon)) {
            return new Rejection(
                    DeadLetterReason.INVALID_COORDINATES, "destination " + lat + "," + lon);
        }
        return null;
    }

    private static Rejection checkPickup(OrderRequest order, Function<String, NodeInfo> nodes) {
        String pickup = order.getPickupNodeId();
        if (pickup == null || pickup.isBlank()) {
            return new Rejection(
                    DeadLetterReason.MISSING_DESTINATION,
                    order.getMethod() + " needs a pickup node");
        }
        if (nodes.apply(pickup) == null) {
            return new Rejection(
                    DeadLetterReason.UNKNOWN_PICKUP_NODE, "unknown pickup node " + pickup);
        }
        return null;
    }
}
