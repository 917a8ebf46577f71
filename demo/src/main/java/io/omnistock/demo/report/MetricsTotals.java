package io.omnistock.demo.report;

import io.omnistock.avro.OperationsMetrics;
import io.omnistock.avro.SustainabilityMetrics;
import io.omnistock.ledger.domain.metrics.WindowFigures;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Sums over the windows of a series, and the ratios recomputed from those sums (Σ kg CO2e / Σ
 * orders, ...), never averages of the windows' ratios, which would weigh a quiet hour like a busy
 * one. A ratio whose denominator is 0 is null.
 *
 * @param windows windows summed
 * @param orders orders routed
 * @param co2eKg kg CO2e of their shipments
 * @param ordersWithBaseline routed orders with a cost-only baseline plan
 * @param co2eAvoidedKg Σ baseline - chosen kg CO2e over those
 * @param splitOrders orders sent in more than one shipment
 * @param deadLettersByReason dead letters per reason code
 * @param provisionalWindows windows that late facts may still change
 * @param lateFacts facts that arrived after their window was final (already in the sums)
 * @param routedCost cost of the routed orders' plans
 * @param onTimeOrders routed orders planned to arrive by their promise
 * @param lateOrders routed orders planned to arrive after it
 * @param decisionLatency final decisions per order-to-decision latency bucket, in bucket order
 * @param ordersWithBaselineCost routed orders whose decision carries the baseline's cost
 * @param costOverBaseline Σ chosen cost - baseline cost over those
 * @param baselineCost Σ baseline cost over those
 */
public record MetricsTotals(
        long windows,
        long orders,
        double co2eKg,
        long ordersWithBaseline,
        double co2eAvoidedKg,
        long splitOrders,
        long shipFromStoreOrders,
        long bopisOrders,
        long curbsideOrders,
        long sameDayOrders,
        long decisions,
        long unitsOrdered,
        long unitsAllocated,
        long countsCompared,
        long countsMatched,
        long deadLetters,
        Map<String, Long> deadLettersByReason,
        long provisionalWindows,
        long lateFacts,
        double routedCost,
        long onTimeOrders,
        long lateOrders,
        Map<String, Long> decisionLatency,
        long ordersWithBaselineCost,
        double costOverBaseline,
        double baselineCost) {

    public MetricsTotals {
        deadLettersByReason = Collections.unmodifiableMap(new TreeMap<>(deadLettersByReason));
        Map<String, Long> inOrder = new LinkedHashMap<>();
        for (String bucket : WindowFigures.LATENCY_BUCKETS.keySet()) {
            Long n = decisionLatency.get(bucket);
            if (n != null) {
                inOrder.put(bucket, n);
            }
        }
        decisionLatency.forEach(inOrder::putIfAbsent); // a bucket this version does not know
        decisionLatency = Collections.unmodifiableMap(inOrder);
    }

    /** The sums over {@code windows}. */
    public static MetricsTotals of(Iterable<MetricsWindow> windows) {
        long count = 0;
        long orders = 0;
        double co2eKg = 0;
        long ordersWithBaseline = 0;
        double avoidedKg = 0;
        long split = 0;
        long fromStore = 0;
        long bopis = 0;
        long curbside = 0;
        long sameDay = 0;
        long decisions = 0;
        long unitsOrdered = 0;
        long unitsAllocated = 0;
        long compared = 0;
        long matched = 0;
        long deadLetters = 0;
        Map<String, Long> byReason = new TreeMap<>();
        long provisional = 0;
        long lateFacts = 0;
        double cost = 0;
        long onTime = 0;
        long late = 0;
        Map<String, Long> latency = new LinkedHashMap<>();
        long withBaselineCost = 0;
        double overBaseline = 0;
        double baselineCost = 0;
        for (MetricsWindow w : windows) {
            count++;
            provisional += w.provisional() ? 1 : 0;
            SustainabilityMetrics s = w.sustainability();
            if (s != null) {
                orders += s.getOrders();
                co2eKg += s.getCo2eKg();
                ordersWithBaseline += s.getOrdersWithBaseline();
                avoidedKg += s.getCo2eAvoidedKg();
                split += s.getSplitOrders();
                fromStore += s.getShipFromStoreOrders();
                bopis += s.getBopisOrders();
                curbside += s.getCurbsideOrders();
                sameDay += s.getSameDayOrders();
            }
            OperationsMetrics o = w.operations();
            if (o != null) {
                decisions += o.getDecisions();
                unitsOrdered += o.getUnitsOrdered();
                unitsAllocated += o.getUnitsAllocated();
                compared += o.getCountsCompared();
                matched += o.getCountsMatched();
                deadLetters += o.getDeadLetters();
                o.getDeadLettersByReason().forEach((r, n) -> byReason.merge(r, n, Long::sum));
                lateFacts += o.getLateFacts();
                cost += o.getRoutedCost();
                onTime += o.getOnTimeOrders();
                late += o.getLateOrders();
                o.getDecisionLatency().forEach((b, n) -> latency.merge(b, n, Long::sum));
                withBaselineCost += o.getOrdersWithBaselineCost();
                overBaseline += o.getCostOverBaseline();
                baselineCost += o.getBaselineCost();
            }
        }
        return new MetricsTotals(
                count,
                orders,
                co2eKg,
                ordersWithBaseline,
                avoidedKg,
                split,
                fromStore,
                bopis,
                curbside,
                sameDay,
                decisions,
                unitsOrdered,
                unitsAllocated,
                compared,
                matched,
                deadLetters,
                byReason,
                provisional,
                lateFacts,
                cost,
                onTime,
                late,
                latency,
                withBaselineCost,
                overBaseline,
                baselineCost);
    }

    /** Σ cost of the routed orders' plans / Σ orders. */
    public Double costPerOrder() {
        return ratio(routedCost, orders);
    }

    /** Σ (chosen - baseline cost) / Σ baseline cost: how much more the chosen plans cost. */
    public Double costOverBaselineShare() {
        return baselineCost == 0 ? null : costOverBaseline / baselineCost;
    }

    /**
     * Σ routed orders planned by their promise / Σ routed orders judged against it (records written
     * before the promise was on them judge none: n/a, not 0).
     */
    public Double onTimeShare() {
        return ratio(onTimeOrders, onTimeOrders + lateOrders);
    }

    /** Σ kg CO2e / Σ orders. */
    public Double co2ePerOrderKg() {
        return ratio(co2eKg, orders);
    }

    /** Σ kg CO2e avoided / Σ orders with a baseline. */
    public Double co2eAvoidedPerOrderKg() {
        return ratio(co2eAvoidedKg, ordersWithBaseline);
    }

    public Double splitRate() {
        return ratio(splitOrders, orders);
    }

    public Double shipFromStoreShare() {
        return ratio(shipFromStoreOrders, orders);
    }

    public Double bopisShare() {
        return ratio(bopisOrders, orders);
    }

    public Double curbsideShare() {
        return ratio(curbsideOrders, orders);
    }

    public Double sameDayShare() {
        return ratio(sameDayOrders, orders);
    }

    /** Σ units allocated / Σ units ordered. */
    public Double fillRate() {
        return ratio(unitsAllocated, unitsOrdered);
    }

    /** Σ counts matched / Σ counts compared. */
    public Double inventoryAccuracy() {
        return ratio(countsMatched, countsCompared);
    }

    private static Double ratio(double numerator, long denominator) {
        return denominator == 0 ? null : numerator / denominator;
    }
}
