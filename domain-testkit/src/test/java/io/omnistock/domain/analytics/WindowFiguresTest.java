package io.omnistock.domain.analytics;

import static io.omnistock.domain.analytics.MetricFacts.decision;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.omnistock.avro.ConditionGrade;
import io.omnistock.avro.DeadLetter;
import io.omnistock.avro.DeadLetterReason;
import io.omnistock.avro.DecisionStatus;
import io.omnistock.avro.DispositionType;
import io.omnistock.avro.FulfilmentMethod;
import io.omnistock.avro.OperationsMetrics;
import io.omnistock.avro.ReturnDisposition;
import io.omnistock.avro.SourceSystem;
import io.omnistock.avro.SustainabilityMetrics;
import io.omnistock.contracts.DeadLetters;
import io.omnistock.ledger.domain.metrics.WindowFigures;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Each published figure from hand-made facts, computed by hand: sums add, ratios divide sums, a
 * figure with nothing to divide by is null.
 */
class WindowFiguresTest {
    private static final double EXACT = 1e-12;
    private static final MetricRecords.WindowId WINDOW =
            new MetricRecords.WindowId("1m", 60_000, 120_000, "UK", "WEB", 0, false);

    private final WindowFigures figures = new WindowFigures();

    /**
     * Two routed orders (one split, from a store), a partial, a backorder, a rejection, a re-route.
     */
    private static List<MetricFact> oneOfEachDecision() {
        return List.of(
                decision(
                        1,
                        "UK",
                        "WEB",
                        DecisionStatus.ROUTED,
                        FulfilmentMethod.SHIP_TO_HOME,
                        3,
                        3,
                        2,
                        40.0,
                        1.2,
                        1.5,
                        true),
                decision(
                        2,
                        "UK",
                        "WEB",
                        DecisionStatus.ROUTED,
                        FulfilmentMethod.BOPIS,
                        1,
                        1,
                        1,
                        0.0,
                        0.0,
                        0.6,
                        true),
                decision(
                        3,
                        "UK",
                        "WEB",
                        DecisionStatus.PARTIALLY_ROUTED,
                        FulfilmentMethod.SAME_DAY,
                        4,
                        2,
                        1,
                        20.0,
                        0.8,
                        Double.NaN,
                        false),
                decision(
                        4,
                        "UK",
                        "WEB",
                        DecisionStatus.BACKORDERED,
                        FulfilmentMethod.CURBSIDE,
                        5,
                        0,
                        0,
                        0,
                        0,
                        Double.NaN,
                        false),
                decision(
                        5,
                        "UK",
                        "WEB",
                        DecisionStatus.REJECTED,
                        FulfilmentMethod.SHIP_TO_HOME,
                        7,
                        0,
                        0,
                        0,
                        0,
                        Double.NaN,
                        false),
                decision(
                        6,
                        "UK",
                        "WEB",
                        DecisionStatus.RE_ROUTED,
                        FulfilmentMethod.SHIP_TO_HOME,
                        3,
                        3,
                        1,
                        99,
                        9.9,
                        9.9,
                        false));
    }

    private void addOneOfEachDecision() {
        oneOfEachDecision().forEach(figures::add);
    }

    @Test
    void operationsFiguresCountFinalDecisionsAndFillRateExcludesRejections() {
        addOneOfEachDecision();

        OperationsMetrics m = MetricRecords.operations(WINDOW, figures);

        assertThat(m.getDecisions()).isEqualTo(5);
        assertThat(
                        List.of(
                                m.getRouted(),
                                m.getPartiallyRouted(),
                                m.getBackordered(),
                                m.getRejected(),
                                m.getReRoutes()))
                .containsExactly(2L, 1L, 1L, 1L, 1L);
        // ordered 3 + 1 + 4 + 5 = 13 (not the rejected 7), allocated 3 + 1 + 2 = 6
        assertThat(m.getUnitsOrdered()).isEqualTo(13);
        assertThat(m.getUnitsAllocated()).isEqualTo(6);
        assertThat(m.getUnitsBackordered()).isEqualTo(7);
        assertThat(m.getFillRate()).isCloseTo(6.0 / 13, within(EXACT));
        assertThat(m.getInventoryAccuracy()).as("no count compared").isNull();
        assertThat(m.getDeadLetters()).isZero();
    }

    @Test
    void sustainabilityFiguresAreOverRoutedOrdersAsDecided() {
        addOneOfEachDecision();

        SustainabilityMetrics m = MetricRecords.sustainability(WINDOW, figures);

        // routed: the split home delivery, the BOPIS order and the partial same-day order
        assertThat(m.getOrders()).isEqualTo(3);
        assertThat(m.getUnits()).isEqualTo(6);
        assertThat(m.getShipments()).isEqualTo(4);
        assertThat(m.getSplitOrders()).isEqualTo(1);
        assertThat(m.getSplitRate()).isCloseTo(1.0 / 3, within(EXACT));
        assertThat(m.getDistanceKm()).isCloseTo(60.0, within(EXACT));
        assertThat(m.getKmPerOrder()).isCloseTo(20.0, within(EXACT));
        assertThat(m.getCo2eKg()).isCloseTo(2.0, within(EXACT));
        assertThat(m.getCo2ePerOrderKg()).isCloseTo(2.0 / 3, within(EXACT));
        // baselines only for the two ROUTED orders: (1.5 - 1.2) + (0.6 - 0.0)
        assertThat(m.getBaselineCo2eKg()).isCloseTo(2.1, within(EXACT));
        assertThat(m.getCo2eAvoidedKg()).isCloseTo(0.9, within(EXACT));
        assertThat(m.getCo2eAvoidedPerOrderKg()).isCloseTo(0.45, within(EXACT));
        // a store shipped the home delivery; BOPIS from a store is pickup, not ship-from-store
        assertThat(m.getOrdersWithBaseline()).isEqualTo(2);
        assertThat(m.getShipFromStoreOrders()).isEqualTo(1);
        assertThat(m.getShipFromStoreShare()).isCloseTo(1.0 / 3, within(EXACT));
        assertThat(m.getBopisShare()).isCloseTo(1.0 / 3, within(EXACT));
        assertThat(m.getSameDayShare()).isCloseTo(1.0 / 3, within(EXACT));
        assertThat(m.getCurbsideOrders()).as("the curbside order was backordered").isZero();
        assertThat(m.getCurbsideShare()).isZero();
    }

    @Test
    void returnsGiveReturnAndRestockRatesAndTheirOwnCo2e() {
        addOneOfEachDecision(); // 6 units routed, 2.0 kg CO2e outbound
        figures.add(MetricFact.of(returned("ORD-1", 2, DispositionType.RESTOCK, 10.0, 0.5)));
        figures.add(MetricFact.of(returned("ORD-2", 1, DispositionType.RECYCLE, 8.0, 0.4)));
        figures.add(MetricFact.of(returned(null, 1, DispositionType.RESTOCK, 0.0, 0.0))); // till

        SustainabilityMetrics m = MetricRecords.sustainability(WINDOW, figures);

        assertThat(m.getReturns()).isEqualTo(3);
        assertThat(m.getUnitsReturned()).isEqualTo(4);
        assertThat(m.getUnitsRestocked()).isEqualTo(3);
        assertThat(m.getOrderUnitsReturned()).isEqualTo(3);
        assertThat(m.getReturnRate()).as("3 order units returned / 6 routed").isEqualTo(0.5);
        assertThat(m.getRestockRate()).as("3 of 4 returned units restocked").isEqualTo(0.75);
        assertThat(m.getReturnDistanceKm()).isCloseTo(18.0, within(EXACT));
        assertThat(m.getReturnCo2eKg()).isCloseTo(0.9, within(EXACT));
        assertThat(m.getCo2eKg()).as("outbound only").isCloseTo(2.0, within(EXACT));
    }

    @Test
    void aWindowWithReturnsOnlyStillHasSustainabilityFiguresWithoutRates() {
        figures.add(MetricFact.of(returned("ORD-1", 2, DispositionType.LIQUIDATE, 10.0, 0.5)));

        assertThat(figures.hasSustainabilityFigures()).isTrue();
        SustainabilityMetrics m = MetricRecords.sustainability(WINDOW, figures);
        assertThat(m.getReturnRate()).as("no units routed").isNull();
        assertThat(m.getRestockRate()).isZero();
    }

    private static ReturnDisposition returned(
            String orderId, int units, DispositionType disposition, double km, double co2eKg) {
        return ReturnDisposition.newBuilder()
                .setEventId("return-" + orderId + "-" + units)
                .setEventTime(Instant.ofEpochMilli(WINDOW.start() + 1_000))
                .setSku("SKU-1")
                .setNodeId("DC-1")
                .setRegion("UK")
                .setQuantity(units)
                .setDisposition(disposition)
                .setRule("test")
                .setConditionGrade(ConditionGrade.A)
                .setOrderId(orderId)
                .setSource(orderId == null ? SourceSystem.POS : SourceSystem.ORDERS)
                .setReturnDistanceKm(km)
                .setReturnCo2eKg(co2eKg)
                .setCarbonFactorsVersion("2025.1")
                .build();
    }

    @Test
    void countsGiveAccuracyAndDeadLettersAreCountedByReason() {
        figures.add(MetricFact.count(1, "UK", true));
        figures.add(MetricFact.count(2, "UK", true));
        figures.add(MetricFact.count(3, "UK", false));
        figures.add(MetricFact.of(deadLetter(DeadLetterReason.UNKNOWN_NODE)));
        figures.add(MetricFact.of(deadLetter(DeadLetterReason.UNKNOWN_NODE)));
        figures.add(MetricFact.of(deadLetter(DeadLetterReason.UNDECODABLE)));

        OperationsMetrics m = MetricRecords.operations(WINDOW, figures);

        assertThat(m.getCountsCompared()).isEqualTo(3);
        assertThat(m.getCountsMatched()).isEqualTo(2);
        assertThat(m.getInventoryAccuracy()).isCloseTo(2.0 / 3, within(EXACT));
        assertThat(m.getDeadLetters()).isEqualTo(3);
        assertThat(m.getDeadLettersByReason())
                .isEqualTo(Map.of("UNKNOWN_NODE", 2L, "UNDECODABLE", 1L));
        assertThat(m.getDecisions()).isZero();
        assertThat(m.getFillRate()).isNull();
        assertThat(figures.hasSustainabilityFigures())
                .as("no sustainability record for this window")
                .isFalse();
    }

    @Test
    void mergingTwoHalvesEqualsAddingEverythingToOne() {
        addOneOfEachDecision();
        figures.add(MetricFact.count(1, "UK", false));
        figures.add(MetricFact.of(deadLetter(DeadLetterReason.TOO_LATE)));

        List<MetricFact> facts = new ArrayList<>(oneOfEachDecision());
        facts.add(MetricFact.count(1, "UK", false));
        facts.add(MetricFact.of(deadLetter(DeadLetterReason.TOO_LATE)));
        WindowFigures first = new WindowFigures();
        WindowFigures second = new WindowFigures();
        for (int i = 0; i < facts.size(); i++) {
            (i % 2 == 0 ? first : second).add(facts.get(i));
        }

        WindowFigures merged = first.merge(second);

        assertThat(MetricRecords.operations(WINDOW, merged))
                .isEqualTo(MetricRecords.operations(WINDOW, figures));
        assertThat(MetricRecords.sustainability(WINDOW, merged))
                .isEqualTo(MetricRecords.sustainability(WINDOW, figures));
    }

    @Test
    void theRecordKeyIsTheSameForEveryRevisionOfAWindow() {
        MetricRecords.WindowId late =
                new MetricRecords.WindowId("1m", 60_000, 120_000, "UK", "WEB", 3, false);
        OperationsMetrics first = MetricRecords.operations(WINDOW, figures);
        OperationsMetrics update = MetricRecords.operations(late, figures);

        assertThat(MetricRecords.key(first)).isEqualTo("1m|UK|WEB|1970-01-01T00:01:00Z");
        assertThat(MetricRecords.key(update)).isEqualTo(MetricRecords.key(first));
        assertThat(update.getEventId()).isEqualTo("1m|UK|WEB|1970-01-01T00:01:00Z#3");
        assertThat(update.getWindowEnd()).isEqualTo(Instant.ofEpochMilli(120_000));
    }

    private static DeadLetter deadLetter(DeadLetterReason reason) {
        return DeadLetters.of("inventory.pos", 0, 7, 1_000, null, reason, null, new byte[] {1});
    }
}
