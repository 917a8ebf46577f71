package io.omnistock.domain.carbon;

/** One row of the carbon factor table: a way goods travel (or do not, for store pickup). */
public enum FreightMode {
    /** Light commercial van, used for direct courier (same-day) legs. */
    VAN,
    /** Less-than-truckload road freight: the linehaul of a parcel network. */
    TRUCK_LTL,
    /** Full-truckload road freight (replenishment, transfers). */
    TRUCK_FTL,
    RAIL,
    AIR,
    /** The last-mile delivery of one parcel, per parcel rather than per tonne-km. */
    LAST_MILE_PARCEL,
    /** Collected at the store: no carrier leg. */
    STORE_PICKUP
}
