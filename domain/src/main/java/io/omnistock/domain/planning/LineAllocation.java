package io.omnistock.domain.planning;

import io.omnistock.avro.TransportMode;

/**
 * One line of one shipment, as the decision record lists it.
 *
 * @param cost this line's share of its shipment's cost, by units
 * @param co2eKg this line's share of its shipment's CO2e, by units (every unit weighs the same)
 * @param distanceKm the shipment's travel distance
 */
public record LineAllocation(
        String nodeId,
        String sku,
        int quantity,
        TransportMode mode,
        long eta,
        double cost,
        double co2eKg,
        double distanceKm) {}
