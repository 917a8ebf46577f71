package io.omnistock.domain.quotes;

import java.io.Serializable;

/**
 * The tunable numbers of delivery-options quotes. The promise of each option is what an order
 * placed with it carries ({@code promiseBy} = quote time + the promise), so the quote and the order
 * are planned alike.
 *
 * @param standardPromiseMillis SHIP_TO_HOME and SHIP_FROM_STORE standard
 * @param expressPromiseMillis SHIP_TO_HOME express (planned FASTEST)
 * @param pickupPromiseMillis BOPIS and CURBSIDE
 * @param sameDayPromiseMillis SAME_DAY
 * @param pickupRadiusKm stores within this distance of the destination are quoted for pickup
 * @param maxPickupStores most stores quoted per pickup method (nearest first)
 */
public record QuoteSettings(
        long standardPromiseMillis,
        long expressPromiseMillis,
        long pickupPromiseMillis,
        long sameDayPromiseMillis,
        double pickupRadiusKm,
        int maxPickupStores)
        implements Serializable {

    private static final long HOUR = 3_600_000L;

    public QuoteSettings {
        if (maxPickupStores < 0 || pickupRadiusKm < 0) {
            throw new IllegalArgumentException("pickup radius and stores must not be negative");
        }
    }

    /** 72 h standard, 24 h express, 24 h pickup, 12 h same day; pickups within 25 km, 3 stores. */
    public static QuoteSettings defaults() {
        return new QuoteSettings(72 * HOUR, 24 * HOUR, 24 * HOUR, 12 * HOUR, 25.0, 3);
    }
}
