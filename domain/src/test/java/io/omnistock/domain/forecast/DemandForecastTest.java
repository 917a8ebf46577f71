package io.omnistock.domain.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.omnistock.domain.inventory.InboundShipment;
import io.omnistock.domain.inventory.Position;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Velocity, cover and projection math, against values worked out by hand (ln 2 = 0.6931472; with a
 * half-life of 1 day a unit of demand t days old weighs ln 2 * 2^-t per day).
 */
class DemandForecastTest {
    private static final long T0 = Instant.parse("2026-03-02T00:00:00Z").toEpochMilli();
    private static final long HOUR = 3_600_000L;
    private static final long DAY = 24 * HOUR;

    private static final ForecastSettings HALF_LIFE_1D_NO_MIN_HISTORY =
            new ForecastSettings(
                    Duration.ofDays(1),
                    Duration.ofDays(2),
                    List.of(Duration.ofDays(1), Duration.ofDays(3), Duration.ofDays(7)),
                    Duration.ZERO);

    private final DemandForecast forecast = new DemandForecast(HALF_LIFE_1D_NO_MIN_HISTORY);

    /** A position observed for 100 days: the start-up correction is 1 / (1 - 2^-100) = 1. */
    private static Position longObserved() {
        Position p = new Position();
        DemandForecast.observe(p, T0 - 100 * DAY);
        return p;
    }

    @Test
    void oneDemandDecaysByHalfPerHalfLife() {
        Position p = longObserved();
        forecast.recordDemand(p, 10, T0);

        // 10 * ln2 at T0, halved a day later: 10 * 0.6931472 * 0.5
        assertThat(forecast.velocityPerDay(p, T0)).isCloseTo(6.931472, within(1e-6));
        assertThat(forecast.velocityPerDay(p, T0 + DAY)).isCloseTo(3.465736, within(1e-6));
    }

    @Test
    void theRateDoesNotDependOnArrivalOrder() {
        Position inOrder = longObserved();
        forecast.recordDemand(inOrder, 4, T0 + 12 * HOUR);
        forecast.recordDemand(inOrder, 6, T0 + DAY);
        Position reversed = longObserved();
        forecast.recordDemand(reversed, 6, T0 + DAY);
        forecast.recordDemand(reversed, 4, T0 + 12 * HOUR);

        // at T0 + 2 d: 4 * ln2 * 2^-1.5 + 6 * ln2 * 2^-1 = ln2 * (1.4142136 + 3) = 3.0596997
        assertThat(inOrder.demandRateTime).isEqualTo(reversed.demandRateTime);
        assertThat(forecast.velocityPerDay(inOrder, T0 + 2 * DAY))
                .isCloseTo(3.0596997, within(1e-6));
        assertThat(forecast.velocityPerDay(reversed, T0 + 2 * DAY))
                .isCloseTo(3.0596997, within(1e-6));
    }

    @Test
    void aShortHistoryIsCorrectedForTheDemandItCouldNotHaveSeen() {
        Position p = new Position();
        DemandForecast.observe(p, T0);
        forecast.recordDemand(p, 5, T0);

        // raw 5 * ln2 * 2^-2 = 0.8664340, divided by 1 - 2^-2 = 0.75
        assertThat(forecast.velocityPerDay(p, T0 + 2 * DAY)).isCloseTo(1.1552453, within(1e-6));
    }

    @Test
    void aSteadyDemandReadsItsRate() {
        Position p = new Position();
        DemandForecast.observe(p, T0);
        for (long t = T0 + HOUR; t <= T0 + 10 * DAY; t += HOUR) {
            forecast.recordDemand(p, 1, t); // 24 units per day
        }

        // the hourly lumps read a little high right after one: 24 * (ln2/24) / (1 - 2^(-1/24))
        assertThat(forecast.velocityPerDay(p, T0 + 10 * DAY)).isCloseTo(24.35, within(0.1));
    }

    @Test
    void noForecastBeforeTheMinimumHistory() {
        DemandForecast withMinimum =
                new DemandForecast(
                        new ForecastSettings(
                                Duration.ofDays(1),
                                Duration.ofDays(2),
                                List.of(Duration.ofDays(1)),
                                Duration.ofDays(1)));
        Position p = new Position();
        DemandForecast.observe(p, T0);
        withMinimum.recordDemand(p, 5, T0 + HOUR);

        assertThat(withMinimum.hasHistory(p, T0 + 23 * HOUR)).isFalse();
        assertThat(withMinimum.velocityPerDay(p, T0 + 23 * HOUR)).isZero();
        assertThat(withMinimum.hasHistory(p, T0 + DAY)).isTrue();
        assertThat(withMinimum.velocityPerDay(p, T0 + DAY)).isPositive();
    }

    @Test
    void aVoidedSaleTakesItsDemandBackAtTheVoidsTime() {
        Position p = longObserved();
        forecast.recordDemand(p, 10, T0);
        forecast.recordDemand(p, -10, T0 + HOUR);

        // 10 ln2 (2^(-1/24) - 1) < 0: read as no demand, never negative
        assertThat(forecast.velocityPerDay(p, T0 + HOUR)).isZero();
    }

    @Test
    void coverIsAtpOverVelocityAndInfiniteWithoutDemand() {
        assertThat(DemandForecast.daysOfCover(10, 4)).isEqualTo(2.5);
        assertThat(DemandForecast.daysOfCover(0, 4)).isZero();
        assertThat(DemandForecast.daysOfCover(10, 0)).isEqualTo(Double.POSITIVE_INFINITY);
    }

    @Test
    void projectedAtpAtEachHorizonCountsInboundByEtaAndExpectedDemand() {
        Position p = new Position();
        p.onHand = 30;
        p.reserved = 4;
        p.inbound.add(shipment("ASN-LATE", 5, T0 - HOUR)); // overdue: counted from now on
        p.inbound.add(shipment("ASN-2D", 10, T0 + 2 * DAY));
        long safetyStock = 2;
        double velocity = 4.5;

        // 30 - 4 - 2 = 24 on the shelf for sale
        // +1 d: 24 + 5 - 4.5 = 24.5 -> 24
        // +3 d: 24 + 5 + 10 - 13.5 = 25.5 -> 25
        // +7 d: 24 + 15 - 31.5 = 7.5 -> 7
        // +8 d: 24 + 15 - 36 = 3
        // +9 d: 24 + 15 - 40.5 < 0 -> 0
        assertThat(DemandForecast.projectedAtp(p, safetyStock, velocity, T0, DAY)).isEqualTo(24);
        assertThat(DemandForecast.projectedAtp(p, safetyStock, velocity, T0, 3 * DAY))
                .isEqualTo(25);
        assertThat(DemandForecast.projectedAtp(p, safetyStock, velocity, T0, 7 * DAY)).isEqualTo(7);
        assertThat(DemandForecast.projectedAtp(p, safetyStock, velocity, T0, 8 * DAY)).isEqualTo(3);
        assertThat(DemandForecast.projectedAtp(p, safetyStock, velocity, T0, 9 * DAY)).isZero();
    }

    @Test
    void computeFillsEveryHorizon() {
        Position p = longObserved();
        p.onHand = 30;
        p.inbound.add(shipment("ASN-2D", 10, T0 + 2 * DAY));
        forecast.recordDemand(p, 4, T0); // 4 ln2 = 2.7725887 per day at T0
        Forecast f = new Forecast(HALF_LIFE_1D_NO_MIN_HISTORY);

        forecast.compute(p, 0, 30, T0, f);

        // cover 30 / 2.7725887 = 10.820212 d; +1 d: 30 - 2.77 = 27.2; +3 d: 40 - 8.32 = 31.7;
        // +7 d: 40 - 19.41 = 20.6
        assertThat(f.available).isTrue();
        assertThat(f.velocityPerDay).isCloseTo(2.7725887, within(1e-6));
        assertThat(f.daysOfCover).isCloseTo(10.820212, within(1e-5));
        assertThat(f.projectedAtp).containsExactly(27, 31, 20);
    }

    @Test
    void aTinyVelocityNeverOverflowsTheExpectedTime() {
        Position p = longObserved();
        p.onHand = 1_000_000;
        forecast.recordDemand(p, 1, T0 - 60 * DAY); // 1 ln2 2^-60 per day: ~6e-19, no demand
        forecast.recordDemand(p, 1, T0 - 25 * DAY); // ~2e-8 per day: cover ~5e13 days
        Forecast f = new Forecast(HALF_LIFE_1D_NO_MIN_HISTORY);

        forecast.compute(p, 0, 1_000_000, T0, f);

        assertThat(f.hasCover()).isTrue();
        assertThat(f.expectedStockoutTime).isEqualTo(Long.MAX_VALUE);
    }

    private static InboundShipment shipment(String asnId, long quantity, long eta) {
        InboundShipment s = new InboundShipment();
        s.asnId = asnId;
        s.quantity = quantity;
        s.eta = eta;
        return s;
    }
}
