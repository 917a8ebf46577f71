package io.omnistock.domain.sourcing;

import io.omnistock.avro.FulfilmentMethod;
import io.omnistock.avro.RoutingPreference;
import io.omnistock.domain.planning.Order;

/**
 * What a sourcing rule may look at in an order (or in the order a quote option would place).
 *
 * @param channel as the order names it (rules compare it case-insensitively)
 * @param region the order's sales region; blank when it names none
 * @param units units ordered, all lines
 * @param value the order's value; NaN when the order carries none (a rule bounding the value then
 *     never matches)
 * @param eventTime epoch ms of the order's event time (the {@code hours=} condition reads its UTC
 *     hour)
 */
public record OrderFacts(
        String channel,
        String region,
        FulfilmentMethod method,
        RoutingPreference preference,
        int units,
        double value,
        long eventTime) {

    /** The facts of a routing order, with the region and value its request carries. */
    public static OrderFacts of(Order order, String region, Double value) {
        return new OrderFacts(
                order.channel(),
                region == null ? "" : region,
                order.method(),
                order.preference(),
                order.unitsOrdered(),
                value == null ? Double.NaN : value,
                order.orderTime());
    }
}
