package io.omnistock.domain.quotes;

import io.omnistock.avro.OrderLine;
import io.omnistock.avro.QuoteError;
import io.omnistock.avro.QuoteRequest;
import io.omnistock.domain.inventory.LedgerSettings;
import io.omnistock.domain.network.NodeGroups;
import io.omnistock.domain.planning.GeoPoint;
import io.omnistock.ledger.domain.NodeInfo;
import java.io.Serializable;
import java.util.Collection;
import java.util.function.Function;

/**
 * The rules a quote request must meet before options are planned (unknown SKUs are found when the
 * ledger answers): the order validator's, read for a cart that has a destination, a pickup store,
 * or both.
 */
public final class QuoteValidator implements Serializable {
    private static final long serialVersionUID = 1L;

    private final LedgerSettings settings;

    public QuoteValidator(LedgerSettings settings) {
        this.settings = settings;
    }

    /**
     * Why the request gets an error response, or null when options can be planned.
     *
     * @param nodes the network's nodes by id
     * @param network every node of the network (to know the node groups)
     */
    public QuoteRejection validate(
            QuoteRequest quote,
            long nowMillis,
            Function<String, NodeInfo> nodes,
            Collection<NodeInfo> network) {
        if (quote.getEventTime().toEpochMilli() > nowMillis + settings.maxFutureSkewMillis()) {
            return new QuoteRejection(
                    QuoteError.FUTURE_EVENT_TIME, "request time " + quote.getEventTime());
        }
        if (quote.getLines().isEmpty()) {
            return new QuoteRejection(QuoteError.EMPTY_CART, "the cart has no lines");
        }
        for (OrderLine line : quote.getLines()) {
            if (line.getSku() == null || line.getSku().isBlank()) {
                return new QuoteRejection(QuoteError.MISSING_SKU, "a line has no SKU");
            }
            if (line.getQuantity() <= 0 || line.getQuantity() > settings.maxQuantity()) {
                return new QuoteRejection(
                        QuoteError.INVALID_QUANTITY,
                        line.getSku() + " quantity " + line.getQuantity());
            }
        }
        Double lat = quote.getDestinationLatitude();
        Double lon = quote.getDestinationLongitude();
        String pickup = quote.getPickupNodeId();
        boolean hasPickup = pickup != null && !pickup.isBlank();
        if ((lat == null || lon == null) && !hasPickup) {
            return new QuoteRejection(
                    QuoteError.NO_DESTINATION,
                    "a quote needs a destination latitude and longitude or a pickup store");
        }
        if (lat != null && lon != null && !GeoPoint.isOnGlobe(lat, lon)) {
            return new QuoteRejection(
                    QuoteError.INVALID_COORDINATES, "destination " + lat + "," + lon);
        }
        if (hasPickup && nodes.apply(pickup) == null) {
            return new QuoteRejection(
                    QuoteError.UNKNOWN_PICKUP_NODE, "unknown pickup store " + pickup);
        }
        String group = NodeGroups.named(quote.getNodeGroup());
        if (group != null && !NodeGroups.isKnown(group, network)) {
            return new QuoteRejection(
                    QuoteError.UNKNOWN_NODE_GROUP, "no node belongs to node group " + group);
        }
        return null;
    }
}
