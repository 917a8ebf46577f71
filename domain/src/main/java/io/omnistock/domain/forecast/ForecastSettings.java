package io.omnistock.domain.forecast;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;

/**
 * The tunable numbers of the demand forecast: the half-life of the exponentially weighted demand
 * rate, the lead time under which days of cover raise a PROJECTED_STOCKOUT alert, the horizons of
 * projected ATP, and the observation time needed before any forecast is made.
 */
public final class ForecastSettings implements Serializable {
    private static final long serialVersionUID = 1L;

    static final double MILLIS_PER_DAY = 86_400_000d;

    private final long halfLifeMillis;
    private final long leadTimeMillis;
    private final long[] horizonsMillis;
    private final long minHistoryMillis;

    public ForecastSettings(
            Duration halfLife, Duration leadTime, List<Duration> horizons, Duration minHistory) {
        if (halfLife.isNegative() || halfLife.isZero()) {
            throw new IllegalArgumentException("the half-life must be positive: " + halfLife);
        }
        if (leadTime.isNegative() || minHistory.isNegative()) {
            throw new IllegalArgumentException("lead time and minimum history must be >= 0");
        }
        this.halfLifeMillis = halfLife.toMillis();
        this.leadTimeMillis = leadTime.toMillis();
        this.minHistoryMillis = minHistory.toMillis();
        this.horizonsMillis = new long[horizons.size()];
        for (int i = 0; i < horizonsMillis.length; i++) {
            Duration h = horizons.get(i);
            if (h.isNegative() || h.isZero()) {
                throw new IllegalArgumentException("horizons must be positive: " + h);
            }
            horizonsMillis[i] = h.toMillis();
        }
    }

    /** Half-life 3 d, lead time 2 d, horizons 1 d, 3 d, 7 d, minimum history 1 d. */
    public static ForecastSettings defaults() {
        return new ForecastSettings(
                Duration.ofDays(3),
                Duration.ofDays(2),
                List.of(Duration.ofDays(1), Duration.ofDays(3), Duration.ofDays(7)),
                Duration.ofDays(1));
    }

    public long halfLifeMillis() {
        return halfLifeMillis;
    }

    public long leadTimeMillis() {
        return leadTimeMillis;
    }

    public double leadTimeDays() {
        return leadTimeMillis / MILLIS_PER_DAY;
    }

    public long minHistoryMillis() {
        return minHistoryMillis;
    }

    public int horizonCount() {
        return horizonsMillis.length;
    }

    public long horizonMillis(int i) {
        return horizonsMillis[i];
    }
}
