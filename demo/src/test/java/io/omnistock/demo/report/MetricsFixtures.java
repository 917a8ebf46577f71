package io.omnistock.demo.report;

import io.omnistock.avro.OperationsMetrics;
import io.omnistock.avro.SustainabilityMetrics;
import io.omnistock.domain.analytics.MetricRecords;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Metric records built by hand, with their ratios derived from the counts as the ledger derives
 * them (null when the denominator is 0).
 */
public final class MetricsFixtures {
    public static final Instant TEN = Instant.parse("2026-03-02T10:00:00Z");
    public static final Instant ELEVEN = TEN.plus(Duration.ofHours(1));
    public static final Instant NOON = TEN.plus(Duration.ofHours(2));

    private MetricsFixtures() {}

    /** Routed-order figures of one window. */
    public record Orders(
            long orders,
            double co2eKg,
            long split,
            double avoidedKg,
            long fromStore,
            long bopis,
            long curbside,
            long sameDay) {

        public static Orders none() {
            return new Orders(0, 0, 0, 0, 0, 0, 0, 0);
        }
    }

    public static SustainabilityMetrics sustainability(
            String window, String region, String channel, Instant start, int revision, Orders o) {
        String key = MetricRecords.key(window, region, channel, start);
        return SustainabilityMetrics.newBuilder()
                .setEventId(key + '#' + revision)
                .setEventTime(end(window, start))
                .setWindow(window)
                .setWindowStart(start)
                .setWindowEnd(end(window, start))
                .setRegion(region)
                .setChannel(channel)
                .setRevision(revision)
                .setOrders(o.orders())
                .setUnits(o.orders())
                .setShipments(o.orders() + o.split())
                .setSplitOrders(o.split())
                .setSplitRate(ratio(o.split(), o.orders()))
                .setDistanceKm(0)
                .setKmPerOrder(ratio(0, o.orders()))
                .setCo2eKg(o.co2eKg())
                .setCo2ePerOrderKg(ratio(o.co2eKg(), o.orders()))
                .setOrdersWithBaseline(o.orders())
                .setBaselineCo2eKg(o.co2eKg() + o.avoidedKg())
                .setCo2eAvoidedKg(o.avoidedKg())
                .setCo2eAvoidedPerOrderKg(ratio(o.avoidedKg(), o.orders()))
                .setShipFromStoreOrders(o.fromStore())
                .setBopisOrders(o.bopis())
                .setCurbsideOrders(o.curbside())
                .setSameDayOrders(o.sameDay())
                .setShipFromStoreShare(ratio(o.fromStore(), o.orders()))
                .setBopisShare(ratio(o.bopis(), o.orders()))
                .setCurbsideShare(ratio(o.curbside(), o.orders()))
                .setSameDayShare(ratio(o.sameDay(), o.orders()))
                .build();
    }

    public static OperationsMetrics operations(
            String window,
            String region,
            String channel,
            Instant start,
            int revision,
            long unitsOrdered,
            long unitsAllocated,
            long countsCompared,
            long countsMatched,
            Map<String, Long> deadLetters) {
        String key = MetricRecords.key(window, region, channel, start);
        return OperationsMetrics.newBuilder()
                .setEventId(key + '#' + revision)
                .setEventTime(end(window, start))
                .setWindow(window)
                .setWindowStart(start)
                .setWindowEnd(end(window, start))
                .setRegion(region)
                .setChannel(channel)
                .setRevision(revision)
                .setDecisions(unitsOrdered == 0 ? 0 : 1)
                .setRouted(unitsOrdered == 0 ? 0 : 1)
                .setPartiallyRouted(0)
                .setBackordered(0)
                .setRejected(0)
                .setReRoutes(0)
                .setUnitsOrdered(unitsOrdered)
                .setUnitsAllocated(unitsAllocated)
                .setUnitsBackordered(unitsOrdered - unitsAllocated)
                .setFillRate(ratio(unitsAllocated, unitsOrdered))
                .setCountsCompared(countsCompared)
                .setCountsMatched(countsMatched)
                .setInventoryAccuracy(ratio(countsMatched, countsCompared))
                .setDeadLetters(deadLetters.values().stream().mapToLong(Long::longValue).sum())
                .setDeadLettersByReason(deadLetters)
                .build();
    }

    private static Instant end(String window, Instant start) {
        return start.plus(
                window.equals(MetricsSeries.MINUTE) ? Duration.ofMinutes(1) : Duration.ofHours(1));
    }

    private static Double ratio(double numerator, long denominator) {
        return denominator == 0 ? null : numerator / denominator;
    }
}
