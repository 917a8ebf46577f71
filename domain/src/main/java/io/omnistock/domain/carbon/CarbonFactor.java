package io.omnistock.domain.carbon;

import java.io.Serializable;

/**
 * One row of the carbon factor table, with where it comes from.
 *
 * @param factor kg CO2e per tonne-km, or per parcel for {@link FreightMode#LAST_MILE_PARCEL}
 * @param unit the factor's unit as written in the table
 * @param scope WTW (well-to-wheel) or TTW (tank-to-wheel); one table never mixes them
 * @param circuity travel distance over great-circle distance for this mode
 */
public record CarbonFactor(
        FreightMode mode,
        double factor,
        String unit,
        String scope,
        int year,
        String source,
        String distanceBasis,
        double circuity,
        String circuitySource)
        implements Serializable {}
