package io.omnistock.domain.planning;

import io.omnistock.avro.FulfilmentMethod;
import io.omnistock.avro.RoutingPreference;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * An order as routing sees it. The caller validates the request first (its dead-letter reasons);
 * this constructor only refuses what routing cannot work with.
 *
 * @param orderTime epoch ms; ETAs are counted from here
 * @param lines one line per SKU (the caller merges duplicates), at least one
 * @param method SHIP_TO_HOME, BOPIS, CURBSIDE or SAME_DAY
 * @param shipFromStoreAllowed SHIP_TO_HOME: whether stores offering SHIP_FROM_STORE may ship it
 * @param destination where the parcel goes; required for SHIP_TO_HOME and SAME_DAY, ignored for
 *     pickups (may be null)
 * @param pickupNodeId the collecting store; required for BOPIS and CURBSIDE, else ignored
 * @param promiseBy epoch ms the customer was promised
 * @param preference what to favour; null reads as BALANCED
 * @param nodeGroup the node group whose nodes alone may fulfil the order; null (or blank, read as
 *     null) for any node
 */
public record Order(
        String orderId,
        long orderTime,
        String channel,
        List<PlannedLine> lines,
        FulfilmentMethod method,
        boolean shipFromStoreAllowed,
        GeoPoint destination,
        String pickupNodeId,
        long promiseBy,
        RoutingPreference preference,
        String nodeGroup) {

    /** An order any node may fulfil (no node group). */
    public Order(
            String orderId,
            long orderTime,
            String channel,
            List<PlannedLine> lines,
            FulfilmentMethod method,
            boolean shipFromStoreAllowed,
            GeoPoint destination,
            String pickupNodeId,
            long promiseBy,
            RoutingPreference preference) {
        this(
                orderId,
                orderTime,
                channel,
                lines,
                method,
                shipFromStoreAllowed,
                destination,
                pickupNodeId,
                promiseBy,
                preference,
                null);
    }

    public Order {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(method, "method");
        lines = List.copyOf(lines);
        if (lines.isEmpty()) {
            throw new IllegalArgumentException(orderId + ": no lines");
        }
        Set<String> skus = new HashSet<>();
        for (PlannedLine line : lines) {
            if (!skus.add(line.sku())) {
                throw new IllegalArgumentException(orderId + ": SKU twice: " + line.sku());
            }
        }
        switch (method) {
            case SHIP_TO_HOME, SAME_DAY -> {
                if (destination == null) {
                    throw new IllegalArgumentException(
                            orderId + ": " + method + " needs a destination");
                }
            }
            case BOPIS, CURBSIDE -> {
                if (pickupNodeId == null) {
                    throw new IllegalArgumentException(
                            orderId + ": " + method + " needs a pickup node");
                }
            }
            default ->
                    throw new IllegalArgumentException(orderId + ": unsupported method " + method);
        }
        if (preference == null) {
            preference = RoutingPreference.BALANCED;
        }
        if (nodeGroup != null && nodeGroup.isBlank()) {
            nodeGroup = null;
        }
    }

    /** Whether the order names a node group that bounds its candidate nodes. */
    public boolean hasNodeGroup() {
        return nodeGroup != null;
    }

    /** Whether the customer collects the order at {@link #pickupNodeId()}. */
    public boolean isPickup() {
        return method == FulfilmentMethod.BOPIS || method == FulfilmentMethod.CURBSIDE;
    }

    public int unitsOrdered() {
        int units = 0;
        for (PlannedLine line : lines) {
            units += line.quantity();
        }
        return units;
    }

    /** Units ordered of a SKU; 0 when the order has no such line. */
    public int quantityOf(String sku) {
        for (PlannedLine line : lines) {
            if (line.sku().equals(sku)) {
                return line.quantity();
            }
        }
        return 0;
    }

    /**
     * The same order for only some of its units, e.g. to re-plan the lines whose reservation was
     * refused. Each line must name a SKU of this order with at most the units ordered.
     */
    public Order restrictedTo(List<PlannedLine> subset) {
        for (PlannedLine line : subset) {
            int ordered = quantityOf(line.sku());
            if (line.quantity() > ordered) {
                throw new IllegalArgumentException(
                        orderId
                                + ": "
                                + line.sku()
                                + " x "
                                + line.quantity()
                                + " is not part of the order (ordered "
                                + ordered
                                + ")");
            }
        }
        return new Order(
                orderId,
                orderTime,
                channel,
                subset,
                method,
                shipFromStoreAllowed,
                destination,
                pickupNodeId,
                promiseBy,
                preference,
                nodeGroup);
    }
}
