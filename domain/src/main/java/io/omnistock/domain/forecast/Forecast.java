package io.omnistock.domain.forecast;

/**
 * The forecast of one position as of one event time: velocity, days of cover, projected ATP per
 * horizon. A scratch value the ledger fills before each publication and reuses (no allocation per
 * event); read it before the next publication.
 */
public final class Forecast {
    /** Whether the position has been observed for the minimum history (else no forecast). */
    public boolean available;

    /** Expected demand in units per day (0 without a forecast). */
    public double velocityPerDay;

    /** ATP / velocity in days; +infinity without a forecast or when velocity is ~0. */
    public double daysOfCover = Double.POSITIVE_INFINITY;

    /** As-of time plus days of cover, or {@link Long#MAX_VALUE} when cover is infinite. */
    public long expectedStockoutTime = Long.MAX_VALUE;

    /** Projected ATP at each configured horizon, in the settings' order. */
    public final long[] projectedAtp;

    private final ForecastSettings settings;

    public Forecast(ForecastSettings settings) {
        this.settings = settings;
        this.projectedAtp = new long[settings.horizonCount()];
    }

    public int horizonCount() {
        return projectedAtp.length;
    }

    public long horizonMillis(int i) {
        return settings.horizonMillis(i);
    }

    /** Whether days of cover is finite (a forecast with some demand). */
    public boolean hasCover() {
        return daysOfCover != Double.POSITIVE_INFINITY;
    }
}
