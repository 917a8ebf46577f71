package io.omnistock.domain.sourcing;

import io.omnistock.avro.FulfilmentMethod;
import io.omnistock.avro.RoutingPreference;
import io.omnistock.domain.planning.Order;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

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
 * @param categories the categories of the order's SKUs (reference.skus), each once; a SKU without
 *     one adds none
 */
public record OrderFacts(
        String channel,
        String region,
        FulfilmentMethod method,
        RoutingPreference preference,
        int units,
        double value,
        long eventTime,
        Set<String> categories) {

    public OrderFacts {
        categories = Set.copyOf(categories);
    }

    /** Facts without SKU categories (none known). */
    public OrderFacts(
            String channel,
            String region,
            FulfilmentMethod method,
            RoutingPreference preference,
            int units,
            double value,
            long eventTime) {
        this(channel, region, method, preference, units, value, eventTime, Set.of());
    }

    /** The facts of a routing order, with the region and value its request carries. */
    public static OrderFacts of(Order order, String region, Double value) {
        return of(order, region, value, Set.of());
    }

    /** The facts of a routing order, with its SKUs' categories. */
    public static OrderFacts of(
            Order order, String region, Double value, Collection<String> categories) {
        Set<String> known = new HashSet<>();
        for (String category : categories) {
            if (category != null && !category.isBlank()) {
                known.add(category);
            }
        }
        return new OrderFacts(
                order.channel(),
                region == null ? "" : region,
                order.method(),
                order.preference(),
                order.unitsOrdered(),
                value == null ? Double.NaN : value,
                order.orderTime(),
                known);
    }
}
