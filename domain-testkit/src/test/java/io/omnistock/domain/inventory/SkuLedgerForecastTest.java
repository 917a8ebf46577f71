package io.omnistock.domain.inventory;

import static io.omnistock.domain.inventory.LedgerEvents.STORE;
import static io.omnistock.domain.inventory.LedgerEvents.asn;
import static io.omnistock.domain.inventory.LedgerEvents.cycleCount;
import static io.omnistock.domain.inventory.LedgerEvents.receipt;
import static io.omnistock.domain.inventory.LedgerEvents.sale;
import static io.omnistock.domain.inventory.LedgerEvents.voidOf;
import static io.omnistock.domain.inventory.StockRequests.commit;
import static io.omnistock.domain.inventory.StockRequests.reserve;
import static io.omnistock.domain.inventory.StockRequests.units;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.omnistock.avro.AlertType;
import io.omnistock.domain.forecast.ForecastSettings;
import io.omnistock.domain.inventory.RecordingLedgerOutput.Forecasted;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The forecast inside the ledger: which events are demand, the projected ATP each publication
 * carries, and PROJECTED_STOCKOUT alerts, with a half-life of 1 day, a lead time of 2 days, a
 * minimum history of 1 day and horizons of 1, 3 and 7 days (values worked out by hand).
 */
class SkuLedgerForecastTest {
    private static final long HOUR = 3_600_000L;
    private static final long DAY = 24 * HOUR;
    private static final long T0 = LedgerEvents.DAY.toEpochMilli();

    private final InMemoryLedger ledger =
            new InMemoryLedger(
                    LedgerSettings.defaults()
                            .withForecast(
                                    new ForecastSettings(
                                            Duration.ofDays(1),
                                            Duration.ofDays(2),
                                            List.of(
                                                    Duration.ofDays(1),
                                                    Duration.ofDays(3),
                                                    Duration.ofDays(7)),
                                            Duration.ofDays(1))));

    @Test
    void noForecastBeforeTheMinimumHistory() {
        ledger.apply(cycleCount(STORE, 20, T0));
        ledger.apply(sale(STORE, 15, T0 + 12 * HOUR)); // ATP 5, but only half a day observed

        Forecasted last = lastForecast();
        assertThat(last.velocityPerDay()).isZero();
        assertThat(last.daysOfCover()).isNull();
        assertThat(last.projected()).containsExactly(5, 5, 5); // ATP + inbound, no demand yet
        assertThat(ledger.projectedStockouts).isEmpty();
    }

    @Test
    void aPublicationCarriesVelocityCoverAndProjectedAtpPerHorizon() {
        ledger.apply(cycleCount(STORE, 20, T0)); // history starts
        ledger.apply(asn("ASN-1", STORE, 10, T0 + 12 * HOUR, T0 + 60 * HOUR));
        ledger.apply(sale(STORE, 2, T0 + DAY));

        // velocity 2 ln2 / (1 - 2^-1) = 2.7725887 per day; ATP 18; cover 18 / 2.77 = 6.492 d
        // +1 d: 18 - 2.77 = 15.2 -> 15 (the ASN is due at +1.5 d)
        // +3 d: 18 + 10 - 8.32 = 19.7 -> 19;  +7 d: 28 - 19.41 = 8.6 -> 8
        Forecasted last = lastForecast();
        assertThat(last.eventTime()).isEqualTo(T0 + DAY);
        assertThat(last.velocityPerDay()).isCloseTo(2.7725887, within(1e-6));
        assertThat(last.daysOfCover()).isCloseTo(6.4921277, within(1e-6));
        assertThat(last.projected()).containsExactly(15, 19, 8);
        assertThat(ledger.projectedStockouts).isEmpty();
    }

    @Test
    void coverFallingBelowTheLeadTimeAlertsOnceWithTheExpectedTimeAheadOfTheStockout() {
        ledger.apply(cycleCount(STORE, 20, T0));
        ledger.apply(sale(STORE, 2, T0 + DAY)); // cover 6.49 d
        ledger.apply(sale(STORE, 12, T0 + 2 * DAY));

        // velocity (2 ln2 / 2 + 12 ln2) / (1 - 2^-2) = 12.0145511; ATP 6; cover 0.4993944 d
        // expected stockout T0 + 2 d + 0.4993944 d = + 43,147,679 ms
        assertThat(ledger.projectedStockouts)
                .singleElement()
                .satisfies(
                        alert -> {
                            assertThat(alert.atp()).isEqualTo(6);
                            assertThat(alert.velocityPerDay()).isCloseTo(12.0145511, within(1e-6));
                            assertThat(alert.daysOfCover()).isCloseTo(0.4993944, within(1e-6));
                            assertThat(alert.eventTime()).isEqualTo(T0 + 2 * DAY);
                            assertThat(alert.expectedStockoutTime())
                                    .isEqualTo(T0 + 2 * DAY + 43_147_679L);
                        });

        ledger.apply(sale(STORE, 3, T0 + 2 * DAY + HOUR)); // still below: no storm
        ledger.apply(sale(STORE, 3, T0 + 2 * DAY + 2 * HOUR)); // out of stock

        assertThat(ledger.projectedStockouts).hasSize(1);
        assertThat(ledger.alerts).extracting(StockAlert::type).contains(AlertType.OUT_OF_STOCK);
    }

    @Test
    void aRestockAboveTheLeadTimeReArmsTheAlert() {
        ledger.apply(cycleCount(STORE, 20, T0));
        ledger.apply(sale(STORE, 2, T0 + DAY));
        ledger.apply(sale(STORE, 12, T0 + 2 * DAY)); // first alert
        ledger.apply(sale(STORE, 6, T0 + 2 * DAY + HOUR)); // ATP 0

        ledger.apply(receipt(STORE, 50, T0 + 3 * DAY)); // cover 50 / 7.595 = 6.58 d: re-armed
        assertThat(lastForecast().daysOfCover()).isCloseTo(6.5830749, within(1e-6));
        assertThat(ledger.projectedStockouts).hasSize(1);

        ledger.apply(sale(STORE, 40, T0 + 3 * DAY + HOUR)); // ATP 10, cover ~0.5 d
        assertThat(ledger.projectedStockouts).hasSize(2);
        assertThat(ledger.projectedStockouts.get(1).atp()).isEqualTo(10);
    }

    @Test
    void aVoidTakesItsSaleBackAndReturnsAreNotDemand() {
        ledger.apply(cycleCount(STORE, 20, T0));
        InventoryEvent sale = sale(STORE, 4, T0 + DAY);
        ledger.apply(sale);
        ledger.apply(LedgerEvents.returned(STORE, 3, T0 + DAY)); // same time: no decay
        assertThat(lastForecast().velocityPerDay()).isCloseTo(5.5451774, within(1e-6));

        ledger.apply(voidOf(sale, T0 + DAY));

        assertThat(lastForecast().velocityPerDay()).isZero(); // 4 ln2 / 0.5 - 4 ln2 / 0.5
    }

    @Test
    void aShippedOrderIsDemandAtTheNodeItLeft() {
        ledger.apply(cycleCount(STORE, 20, T0));
        ledger.handle(reserve("order-1", T0 + DAY, List.of(STORE), units(STORE, 3)));
        ledger.handle(commit("order-1", T0 + DAY));

        // 3 units at T0 + 1 d: 3 ln2 / (1 - 2^-1) = 4.1588831 per day; ATP 17
        assertThat(ledger.positions.get(STORE).onHand).isEqualTo(17);
        assertThat(lastForecast().velocityPerDay()).isCloseTo(4.1588831, within(1e-6));
    }

    private Forecasted lastForecast() {
        return ledger.forecasts.get(ledger.forecasts.size() - 1);
    }
}
