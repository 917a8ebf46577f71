package io.omnistock.domain.forecast;

import io.omnistock.domain.inventory.EventType;
import io.omnistock.domain.inventory.InboundShipment;
import io.omnistock.domain.inventory.InventoryEvent;
import io.omnistock.domain.inventory.Position;

/**
 * Sell-through velocity, days of cover and projected ATP of a position, in event time.
 *
 * <p>Velocity is an exponentially weighted demand rate with {@code lambda = ln 2 / halfLife}: a
 * demand of q units at time t contributes {@code q * lambda * exp(-lambda * (now - t))} units per
 * day at time {@code now}, so a steady demand of r units per day reads r once the history is long.
 * The state is the rate as of the latest demand time {@code tMax}; a demand stamped at or before
 * {@code tMax} is decayed to {@code tMax} before it is added, a later one decays the rate to its
 * own time first. The result does not depend on arrival order. Reading decays to the as-of time and
 * divides by {@code 1 - exp(-lambda * age)} (age = time since the position was first observed),
 * which removes the start-up bias of an average that has seen only {@code age} of history; below
 * the minimum history there is no forecast at all.
 *
 * <p>Plain Java, allocation-free; the state lives in four primitive fields of {@link Position}.
 */
public final class DemandForecast {
    /** Velocity below this (units per day) counts as no demand: cover is infinite. */
    static final double NO_DEMAND = 1e-9;

    private final ForecastSettings settings;
    private final double lambdaPerMilli;
    private final double lambdaPerDay;
    private final double leadTimeDays;

    public DemandForecast(ForecastSettings settings) {
        this.settings = settings;
        this.lambdaPerMilli = Math.log(2) / settings.halfLifeMillis();
        this.lambdaPerDay = lambdaPerMilli * ForecastSettings.MILLIS_PER_DAY;
        this.leadTimeDays = settings.leadTimeDays();
    }

    public ForecastSettings settings() {
        return settings;
    }

    /**
     * Whether an event of this type is demand: a SALE (and its VOID, negatively), a PICK, a SHIP,
     * and a routed order's FULFILMENT. Receipts, returns, transfers, adjustments and damage are
     * not.
     */
    public static boolean isDemand(EventType type) {
        return switch (type) {
            case SALE, VOID, PICK, SHIP, FULFILMENT -> true;
            default -> false;
        };
    }

    /** Notes that the position saw an event at {@code time} (starts its history). */
    public static void observe(Position p, long time) {
        p.observedSince = Math.min(p.observedSince, time);
    }

    /** Adds {@code units} of demand (negative for a voided sale) stamped at {@code time}. */
    public void recordDemand(Position p, long units, long time) {
        observe(p, time);
        if (p.demandRateTime == InventoryEvent.NO_TIME) {
            p.demandRate = units * lambdaPerDay;
            p.demandRateTime = time;
        } else if (time <= p.demandRateTime) {
            p.demandRate +=
                    units * lambdaPerDay * Math.exp(-lambdaPerMilli * (p.demandRateTime - time));
        } else {
            p.demandRate =
                    p.demandRate * Math.exp(-lambdaPerMilli * (time - p.demandRateTime))
                            + units * lambdaPerDay;
            p.demandRateTime = time;
        }
    }

    /** Whether the position has been observed for at least the minimum history at {@code asOf}. */
    public boolean hasHistory(Position p, long asOf) {
        return p.observedSince != Position.NO_DELTA
                && asOf - p.observedSince >= settings.minHistoryMillis();
    }

    /**
     * Expected demand in units per day as of {@code asOf}, bias-corrected for a short history; 0
     * without demand or below the minimum history. An as-of time before the latest demand reads the
     * rate at that latest demand (no decay backwards).
     */
    public double velocityPerDay(Position p, long asOf) {
        if (p.demandRateTime == InventoryEvent.NO_TIME || !hasHistory(p, asOf)) {
            return 0;
        }
        double rate =
                p.demandRate * Math.exp(-lambdaPerMilli * Math.max(0, asOf - p.demandRateTime));
        long age = asOf - p.observedSince;
        if (age > 0) {
            rate /= -Math.expm1(-lambdaPerMilli * age);
        }
        return Math.max(0, rate);
    }

    /** ATP / velocity in days, or +infinity when velocity is ~0. */
    public static double daysOfCover(long atp, double velocityPerDay) {
        return velocityPerDay < NO_DEMAND ? Double.POSITIVE_INFINITY : atp / velocityPerDay;
    }

    /** Units still expected from ASNs with an ETA at or before {@code until} (overdue ones too). */
    public static long inboundBy(Position p, long until) {
        long units = 0;
        for (InboundShipment s : p.inbound) {
            if (s.eta != InventoryEvent.NO_TIME && s.eta <= until) {
                units += s.remaining();
            }
        }
        return units;
    }

    /**
     * Projected ATP {@code horizonMillis} after {@code asOf}: {@code max(0, onHand - reserved -
     * safetyStock + inbound with ETA <= asOf + h - velocity * h)}, rounded down to whole units.
     */
    public static long projectedAtp(
            Position p, long safetyStock, double velocityPerDay, long asOf, long horizonMillis) {
        double demand = velocityPerDay * horizonMillis / ForecastSettings.MILLIS_PER_DAY;
        double units = p.free() - safetyStock + inboundBy(p, asOf + horizonMillis) - demand;
        return Math.max(0, (long) Math.floor(units + 1e-9));
    }

    /** Fills {@code into} with the position's forecast as of {@code asOf}. */
    public void compute(Position p, long safetyStock, long atp, long asOf, Forecast into) {
        into.available = hasHistory(p, asOf);
        double velocity = velocityPerDay(p, asOf);
        into.velocityPerDay = velocity;
        into.daysOfCover = into.available ? daysOfCover(atp, velocity) : Double.POSITIVE_INFINITY;
        double coverMillis = into.daysOfCover * ForecastSettings.MILLIS_PER_DAY;
        into.expectedStockoutTime =
                into.hasCover() && coverMillis < Long.MAX_VALUE - (double) asOf
                        ? asOf + Math.round(coverMillis)
                        : Long.MAX_VALUE; // no demand, or beyond any representable time
        for (int i = 0; i < into.projectedAtp.length; i++) {
            into.projectedAtp[i] =
                    projectedAtp(p, safetyStock, velocity, asOf, settings.horizonMillis(i));
        }
    }

    /**
     * Decides a PROJECTED_STOCKOUT alert after a publication: true when the position (with a
     * forecast and ATP left) has days of cover below the lead time and was armed; the alert then
     * disarms until cover is back at or above the lead time, so a falling position alerts once.
     */
    public boolean shouldAlert(Position p, long atp, Forecast f) {
        if (!f.available) {
            return false;
        }
        if (f.daysOfCover >= leadTimeDays) {
            p.stockoutAlerted = false;
            return false;
        }
        if (atp > 0 && !p.stockoutAlerted) {
            p.stockoutAlerted = true;
            return true;
        }
        return false;
    }
}
