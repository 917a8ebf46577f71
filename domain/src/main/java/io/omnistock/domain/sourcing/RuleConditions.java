package io.omnistock.domain.sourcing;

import io.omnistock.avro.FulfilmentMethod;
import io.omnistock.avro.RoutingPreference;
import java.io.Serializable;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The conditions of one sourcing rule, all of which must hold. An empty set matches any value;
 * {@code categories} holds when any line's SKU is of one of them (a SKU without a category on
 * reference.skus is of none); bounds are inclusive below and exclusive above; a rule bounding the
 * value never matches an order without one. Hours are UTC hours of the order's event time, {@code
 * fromHour} inclusive to {@code toHour} exclusive, wrapping past midnight when {@code fromHour >
 * toHour}; -1 for none.
 */
public record RuleConditions(
        Set<String> channels,
        Set<String> regions,
        Set<FulfilmentMethod> methods,
        Set<RoutingPreference> preferences,
        int minUnits,
        int maxUnits,
        double minValue,
        double maxValue,
        int fromHour,
        int toHour,
        Set<String> categories)
        implements Serializable {

    private static final long MILLIS_PER_HOUR = 3_600_000L;

    /** Matches every order ({@code *}). */
    public static final RuleConditions ANY =
            new RuleConditions(
                    Set.of(),
                    Set.of(),
                    Set.of(),
                    Set.of(),
                    0,
                    Integer.MAX_VALUE,
                    Double.NEGATIVE_INFINITY,
                    Double.POSITIVE_INFINITY,
                    -1,
                    -1,
                    Set.of());

    public RuleConditions {
        channels = normalised(channels);
        regions = normalised(regions);
        methods = Set.copyOf(methods);
        preferences = Set.copyOf(preferences);
        categories = normalised(categories);
    }

    public boolean matches(OrderFacts order) {
        if (!channels.isEmpty() && !contains(channels, order.channel())) {
            return false;
        }
        if (!regions.isEmpty() && !contains(regions, order.region())) {
            return false;
        }
        if (!methods.isEmpty() && !methods.contains(order.method())) {
            return false;
        }
        if (!preferences.isEmpty() && !preferences.contains(order.preference())) {
            return false;
        }
        if (order.units() < minUnits || order.units() >= maxUnits) {
            return false;
        }
        if (minValue != Double.NEGATIVE_INFINITY || maxValue != Double.POSITIVE_INFINITY) {
            if (Double.isNaN(order.value())
                    || order.value() < minValue
                    || order.value() >= maxValue) {
                return false;
            }
        }
        if (!categories.isEmpty() && !anyOf(categories, order.categories())) {
            return false;
        }
        if (fromHour >= 0) {
            int hour = (int) Math.floorMod(order.eventTime() / MILLIS_PER_HOUR, 24L);
            boolean inside =
                    fromHour <= toHour
                            ? hour >= fromHour && hour < toHour
                            : hour >= fromHour || hour < toHour;
            return inside;
        }
        return true;
    }

    /** Whether this is {@link #ANY}: no condition at all. */
    public boolean matchesEverything() {
        return equals(ANY);
    }

    private static boolean contains(Set<String> set, String value) {
        return value != null && set.contains(value.trim().toUpperCase(Locale.ROOT));
    }

    private static boolean anyOf(Set<String> set, Set<String> values) {
        for (String value : values) {
            if (contains(set, value)) {
                return true;
            }
        }
        return false;
    }

    private static Set<String> normalised(Set<String> values) {
        return values.stream()
                .map(v -> v.trim().toUpperCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
    }
}
