package io.omnistock.domain.analytics;

import io.omnistock.avro.OperationsMetrics;
import io.omnistock.avro.SustainabilityMetrics;
import io.omnistock.ledger.domain.metrics.WindowFigures;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds the records of the metric topics from one window's sums. */
public final class MetricRecords {

    /**
     * One window of one series.
     *
     * @param window its size's label: {@code 1m} or {@code 1h}
     * @param end exclusive
     * @param revision 0 for the first firing, +1 for each late update
     * @param provisional whether late facts may still change the window (false: final)
     */
    public record WindowId(
            String window,
            long start,
            long end,
            String region,
            String channel,
            int revision,
            boolean provisional) {

        /** The record key: {@code window|region|channel|start}, the same for every revision. */
        public String key() {
            return MetricRecords.key(window, region, channel, Instant.ofEpochMilli(start));
        }

        String eventId() {
            return key() + '#' + revision;
        }
    }

    /** The record key of a window: {@code window|region|channel|start}. */
    public static String key(String window, String region, String channel, Instant start) {
        return window + '|' + region + '|' + channel + '|' + start;
    }

    public static String key(SustainabilityMetrics m) {
        return key(m.getWindow(), m.getRegion(), m.getChannel(), m.getWindowStart());
    }

    public static String key(OperationsMetrics m) {
        return key(m.getWindow(), m.getRegion(), m.getChannel(), m.getWindowStart());
    }

    public static SustainabilityMetrics sustainability(WindowId id, WindowFigures f) {
        return SustainabilityMetrics.newBuilder()
                .setEventId(id.eventId())
                .setEventTime(Instant.ofEpochMilli(id.end()))
                .setWindow(id.window())
                .setWindowStart(Instant.ofEpochMilli(id.start()))
                .setWindowEnd(Instant.ofEpochMilli(id.end()))
                .setRegion(id.region())
                .setChannel(id.channel())
                .setRevision(id.revision())
                .setOrders(f.routedOrders())
                .setUnits(f.routedUnits)
                .setShipments(f.shipments)
                .setSplitOrders(f.splitOrders)
                .setSplitRate(f.splitRate())
                .setDistanceKm(f.distanceKm)
                .setKmPerOrder(f.kmPerOrder())
                .setCo2eKg(f.co2eKg)
                .setCo2ePerOrderKg(f.co2ePerOrderKg())
                .setOrdersWithBaseline(f.ordersWithBaseline)
                .setBaselineCo2eKg(f.baselineCo2eKg)
                .setCo2eAvoidedKg(f.co2eAvoidedKg)
                .setCo2eAvoidedPerOrderKg(f.co2eAvoidedPerOrderKg())
                .setShipFromStoreOrders(f.shipFromStoreOrders)
                .setBopisOrders(f.bopisOrders)
                .setCurbsideOrders(f.curbsideOrders)
                .setSameDayOrders(f.sameDayOrders)
                .setShipFromStoreShare(WindowFigures.ratio(f.shipFromStoreOrders, f.routedOrders()))
                .setBopisShare(WindowFigures.ratio(f.bopisOrders, f.routedOrders()))
                .setCurbsideShare(WindowFigures.ratio(f.curbsideOrders, f.routedOrders()))
                .setSameDayShare(WindowFigures.ratio(f.sameDayOrders, f.routedOrders()))
                .setReturns(f.returns)
                .setUnitsReturned(f.unitsReturned)
                .setUnitsRestocked(f.unitsRestocked)
                .setOrderUnitsReturned(f.orderUnitsReturned)
                .setReturnRate(f.returnRate())
                .setRestockRate(f.restockRate())
                .setReturnDistanceKm(f.returnDistanceKm)
                .setReturnCo2eKg(f.returnCo2eKg)
                .setProvisional(id.provisional())
                .build();
    }

    public static OperationsMetrics operations(WindowId id, WindowFigures f) {
        return operations(id, f, new WindowFigures(id.region(), id.channel()));
    }

    /**
     * @param tooLate the sums of the facts that arrived after the window was published final (they
     *     are part of {@code f} too)
     */
    public static OperationsMetrics operations(
            WindowId id, WindowFigures f, WindowFigures tooLate) {
        Map<String, Long> byReason = new LinkedHashMap<>();
        for (int i = 0; i < f.deadLetters.length; i++) {
            if (f.deadLetters[i] > 0) {
                byReason.put(WindowFigures.reason(i).name(), f.deadLetters[i]);
            }
        }
        return OperationsMetrics.newBuilder()
                .setEventId(id.eventId())
                .setEventTime(Instant.ofEpochMilli(id.end()))
                .setWindow(id.window())
                .setWindowStart(Instant.ofEpochMilli(id.start()))
                .setWindowEnd(Instant.ofEpochMilli(id.end()))
                .setRegion(id.region())
                .setChannel(id.channel())
                .setRevision(id.revision())
                .setDecisions(f.decisions())
                .setRouted(f.routed)
                .setPartiallyRouted(f.partiallyRouted)
                .setBackordered(f.backordered)
                .setRejected(f.rejected)
                .setReRoutes(f.reRoutes)
                .setUnitsOrdered(f.unitsOrdered)
                .setUnitsAllocated(f.unitsAllocated)
                .setUnitsBackordered(f.unitsBackordered)
                .setFillRate(f.fillRate())
                .setCountsCompared(f.countsCompared)
                .setCountsMatched(f.countsMatched)
                .setInventoryAccuracy(f.inventoryAccuracy())
                .setDeadLetters(f.deadLetterTotal())
                .setDeadLettersByReason(byReason)
                .setProvisional(id.provisional())
                .setLateFacts(tooLate.factCount())
                .setLateFactsByKind(tooLate.factsByKind())
                .setRoutedCost(f.cost)
                .setCostPerOrder(f.costPerOrder())
                .setOnTimeOrders(f.onTimeOrders)
                .setLateOrders(f.lateOrders)
                .setOnTimeShare(f.onTimeShare())
                .setLateShare(f.lateShare())
                .setDecisionLatency(f.latencyByBucket())
                .setOrdersWithBaselineCost(f.ordersWithBaselineCost)
                .setBaselineCost(f.baselineCost)
                .setBaselineCostPerOrder(f.baselineCostPerOrder())
                .setCostOverBaseline(f.costOverBaseline)
                .build();
    }

    private MetricRecords() {}
}
