package io.omnistock.domain.planning;

import java.io.Serializable;

/**
 * Time and price of one transport mode, applied to a shipment's travel distance.
 *
 * @param fixedHours hours on top of handling and driving (sortation, line-haul waits)
 * @param kmPerHour average speed over the travel distance; 0 when the mode does not travel
 * @param baseCost price per shipment
 * @param costPerKm price per km of travel distance
 */
public record TransportRate(double fixedHours, double kmPerHour, double baseCost, double costPerKm)
        implements Serializable {

    public TransportRate {
        if (!(fixedHours >= 0 && kmPerHour >= 0 && baseCost >= 0 && costPerKm >= 0)) {
            throw new IllegalArgumentException(
                    String.format(
                            "transport rates must be >= 0: fixedHours %s, kmPerHour %s,"
                                    + " baseCost %s, costPerKm %s",
                            fixedHours, kmPerHour, baseCost, costPerKm));
        }
    }

    /** Hours in transit: fixedHours + travelKm / kmPerHour. */
    public double hours(double travelKm) {
        return kmPerHour > 0 ? fixedHours + travelKm / kmPerHour : fixedHours;
    }

    /** baseCost + costPerKm x travelKm. */
    public double cost(double travelKm) {
        return baseCost + costPerKm * travelKm;
    }
}
