package io.omnistock.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.omnistock.avro.DecisionStatus;
import io.omnistock.avro.FulfilmentMethod;
import io.omnistock.avro.RoutingDecision;
import io.omnistock.avro.RoutingPreference;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RoutingTallyTest {
    private static final Instant AT = Instant.parse("2026-03-02T10:00:00Z");

    @Test
    void countsStatusesAndAveragesOverRoutedOrdersOnly() {
        RoutingTally tally = new RoutingTally();
        tally.record(decision("A", DecisionStatus.ROUTED, 2, 2, 1, 1.0, 1.5, null));
        tally.record(decision("B", DecisionStatus.ROUTED, 3, 3, 2, 2.0, 2.0, null));
        tally.record(decision("C", DecisionStatus.PARTIALLY_ROUTED, 4, 2, 1, 0.6, null, null));
        tally.record(decision("D", DecisionStatus.BACKORDERED, 1, 0, 0, 0, null, null));
        tally.record(
                decision("E", DecisionStatus.REJECTED, 1, 0, 0, 0, null, "UNKNOWN_SKU: SKU-0"));
        tally.record(decision("A", DecisionStatus.RE_ROUTED, 2, 2, 2, 9.0, 9.0, "shortage"));

        RoutingTally.Snapshot s = tally.snapshot();

        assertThat(s.decisions()).isEqualTo(6);
        assertThat(s.orders()).isEqualTo(5);
        assertThat(s.count(DecisionStatus.ROUTED)).isEqualTo(2);
        assertThat(s.count(DecisionStatus.PARTIALLY_ROUTED)).isEqualTo(1);
        assertThat(s.count(DecisionStatus.BACKORDERED)).isEqualTo(1);
        assertThat(s.count(DecisionStatus.REJECTED)).isEqualTo(1);
        assertThat(s.count(DecisionStatus.RE_ROUTED)).isEqualTo(1);
        assertThat(s.rejectedByReason()).isEqualTo(Map.of("UNKNOWN_SKU", 1L));
        assertThat(s.routed()).isEqualTo(3);
        assertThat(s.splitRate()).isCloseTo(1 / 3.0, within(1e-9));
        assertThat(s.co2eKgPerRoutedOrder()).isCloseTo(3.6 / 3, within(1e-9));
        // only A and B carry a baseline: (1.5 - 1.0) and (2.0 - 2.0)
        assertThat(s.avoidedKgPerRoutedOrder()).isCloseTo(0.25, within(1e-9));
        assertThat(s.fillRate()).isCloseTo(7 / 11.0, within(1e-9));
    }

    @Test
    void anEmptyTallyReportsZeros() {
        RoutingTally.Snapshot s = new RoutingTally().snapshot();

        assertThat(s.decisions()).isZero();
        assertThat(s.splitRate()).isZero();
        assertThat(s.co2eKgPerRoutedOrder()).isZero();
        assertThat(s.avoidedKgPerRoutedOrder()).isZero();
        assertThat(s.fillRate()).isZero();
    }

    private static RoutingDecision decision(
            String orderId,
            DecisionStatus status,
            int ordered,
            int allocated,
            int shipments,
            double co2eKg,
            Double baselineKg,
            String reason) {
        return RoutingDecision.newBuilder()
                .setEventId(orderId + "/" + status)
                .setEventTime(AT)
                .setOrderId(orderId)
                .setRevision(status == DecisionStatus.RE_ROUTED ? 2 : 1)
                .setStatus(status)
                .setReason(reason)
                .setChannel("WEB")
                .setMethod(FulfilmentMethod.SHIP_TO_HOME)
                .setPreference(RoutingPreference.BALANCED)
                .setOrderTime(AT)
                .setPromiseBy(AT.plusSeconds(86_400))
                .setUnitsOrdered(ordered)
                .setUnitsAllocated(allocated)
                .setShipments(shipments)
                .setTotalCost(5.0 * shipments)
                .setTotalDistanceKm(100.0 * shipments)
                .setTotalCo2eKg(co2eKg)
                .setBaselineCo2eKg(baselineKg)
                .setAllocations(List.of())
                .build();
    }
}
