package io.omnistock.domain.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import io.omnistock.avro.Allocation;
import io.omnistock.avro.CountCheck;
import io.omnistock.avro.DecisionStatus;
import io.omnistock.avro.FulfilmentMethod;
import io.omnistock.avro.RoutingDecision;
import io.omnistock.avro.RoutingPreference;
import io.omnistock.avro.SourceSystem;
import io.omnistock.avro.TransportMode;
import io.omnistock.ledger.domain.metrics.WindowFigures;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A count check read from {@code inventory.count-checks} is the same fact the ledger's own count
 * comparison made when the windows ran inside the ledger job.
 */
class MetricFactTest {
    private static final long T = Instant.parse("2026-11-23T10:00:00Z").toEpochMilli();

    @Test
    void aCountCheckIsTheCountFactOfItsTimeRegionAndOutcome() {
        MetricFact fact = MetricFact.of(check("UK-NORTH", false));

        assertThat(fact)
                .usingRecursiveComparison()
                .withEqualsForFields(
                        (a, b) -> Double.compare((Double) a, (Double) b) == 0,
                        "baselineCo2eKg",
                        "baselineCost") // NaN: no baseline
                .isEqualTo(MetricFact.count(T, "UK-NORTH", false));
        assertThat(fact.kind).isEqualTo(MetricFact.Kind.COUNT);
        assertThat(fact.eventTime).isEqualTo(T);
        assertThat(fact.region).isEqualTo("UK-NORTH");
        assertThat(fact.channel).isEqualTo(MetricFact.ALL);
        assertThat(fact.matched).isFalse();
    }

    @Test
    void aCountCheckWithoutARegionCountsUnderAll() {
        MetricFact fact = MetricFact.of(check(null, true));

        assertThat(fact.region).isEqualTo(MetricFact.ALL);
        assertThat(fact.matched).isTrue();
    }

    @Test
    void aDecisionIsOnTimeWhenEveryAllocatedEtaKeepsThePromiseAndCarriesItsCost() {
        Instant promise = Instant.ofEpochMilli(T).plusSeconds(48 * 3600);

        MetricFact onTime = MetricFact.of(decision(promise, promise.minusSeconds(60), promise));
        MetricFact late = MetricFact.of(decision(promise, promise, promise.plusSeconds(1)));
        MetricFact none = MetricFact.of(decision(promise));

        assertThat(onTime.onTime).as("at the promise is on time").isTrue();
        assertThat(late.onTime).as("one line a second late").isFalse();
        assertThat(none.onTime).as("nothing allocated keeps no promise").isFalse();
        assertThat(onTime.cost).isEqualTo(7.5);

        WindowFigures sums = new WindowFigures("UK", "WEB").add(onTime).add(late);
        assertThat(sums.onTimeOrders).isEqualTo(1);
        assertThat(sums.lateOrders).isEqualTo(1);
        assertThat(sums.onTimeShare()).isEqualTo(0.5);
        assertThat(sums.cost).isEqualTo(15.0);
        assertThat(sums.costPerOrder()).isEqualTo(7.5);
        assertThat(sums.factsByKind()).containsExactly(Map.entry("ROUTED", 2L));
        assertThat(sums.add(MetricFact.count(T, "UK", true)).factCount()).isEqualTo(3);
    }

    @Test
    void decisionsCountInTheLatencyBucketOfTheirPublicationAfterTheOrder() {
        Instant promise = Instant.ofEpochMilli(T).plusSeconds(48 * 3600);
        RoutingDecision d = decision(promise, promise);
        WindowFigures sums = new WindowFigures("UK", "WEB");

        sums.add(MetricFact.of(d, T + 999)); // under 1 s
        sums.add(MetricFact.of(d, T + 1_000)); // 1 s is in 1s-5s
        sums.add(MetricFact.of(d, T + 4_000));
        sums.add(MetricFact.of(d, T + 3_600_000));
        sums.add(MetricFact.of(d, T - 1)); // published before the order's time
        sums.add(MetricFact.of(d)); // unknown: counted, but in no bucket

        assertThat(sums.latencyByBucket())
                .containsExactly(
                        Map.entry("negative", 1L),
                        Map.entry("under-1s", 1L),
                        Map.entry("1s-5s", 2L),
                        Map.entry("10min-or-more", 1L));
        assertThat(sums.routed).isEqualTo(6);
        WindowFigures restored = new WindowFigures("UK", "WEB");
        restored.latencyBuckets = null; // sums written before the buckets existed
        assertThat(restored.merge(sums).latencyByBucket()).isEqualTo(sums.latencyByBucket());
    }

    private static RoutingDecision decision(Instant promise, Instant... etas) {
        List<Allocation> allocations = new ArrayList<>();
        for (Instant eta : etas) {
            allocations.add(
                    Allocation.newBuilder()
                            .setNodeId("DC-1")
                            .setSku("SKU-1")
                            .setQuantity(1)
                            .setMode(TransportMode.PARCEL_GROUND)
                            .setEta(eta)
                            .setCost(7.5 / etas.length)
                            .setDistanceKm(10)
                            .setCo2eKg(0.5)
                            .build());
        }
        Instant at = Instant.ofEpochMilli(T);
        return RoutingDecision.newBuilder()
                .setEventId("o-1#1")
                .setEventTime(at)
                .setOrderId("o-1")
                .setRevision(1)
                .setStatus(DecisionStatus.ROUTED)
                .setChannel("WEB")
                .setRegion("UK")
                .setMethod(FulfilmentMethod.SHIP_TO_HOME)
                .setPreference(RoutingPreference.BALANCED)
                .setOrderTime(at)
                .setPromiseBy(promise)
                .setUnitsOrdered(etas.length)
                .setUnitsAllocated(etas.length)
                .setShipments(1)
                .setTotalCost(7.5)
                .setTotalDistanceKm(10)
                .setTotalCo2eKg(0.5 * etas.length)
                .setAllocations(allocations)
                .build();
    }

    private static CountCheck check(String region, boolean matched) {
        return CountCheck.newBuilder()
                .setEventId("count-1")
                .setEventTime(Instant.ofEpochMilli(T))
                .setSku("SKU-1")
                .setNodeId("DC-1")
                .setRegion(region)
                .setCounted(12)
                .setMatched(matched)
                .setSource(SourceSystem.WMS)
                .build();
    }
}
