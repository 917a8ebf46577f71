package io.omnistock.demo;

import io.omnistock.avro.DecisionStatus;
import io.omnistock.avro.RoutingDecision;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Running figures of the routing decisions read from {@code orders.decisions}: decisions per
 * status, and over the routed orders (ROUTED or PARTIALLY_ROUTED) the split rate, kg CO2e and the
 * CO2e avoided against the cost-only baseline plan. A RE_ROUTED decision is counted, but the
 * figures of an order are those of its first (final) decision. Thread-safe: one thread records
 * while another reads snapshots.
 */
final class RoutingTally {
    private final Map<DecisionStatus, Long> byStatus = new EnumMap<>(DecisionStatus.class);
    private final Map<String, Long> rejectedByReason = new TreeMap<>();
    private long decisions;
    private long routed;
    private long split;
    private double co2eKg;
    private long withBaseline;
    private double avoidedKg;
    private long unitsOrdered;
    private long unitsAllocated;

    synchronized void record(RoutingDecision d) {
        decisions++;
        DecisionStatus status = d.getStatus();
        byStatus.merge(status, 1L, Long::sum);
        if (status == DecisionStatus.RE_ROUTED) {
            return;
        }
        unitsOrdered += d.getUnitsOrdered();
        unitsAllocated += d.getUnitsAllocated();
        if (status == DecisionStatus.REJECTED) {
            rejectedByReason.merge(reasonCode(d.getReason()), 1L, Long::sum);
        }
        if (status == DecisionStatus.ROUTED || status == DecisionStatus.PARTIALLY_ROUTED) {
            routed++;
            if (d.getShipments() > 1) {
                split++;
            }
            co2eKg += d.getTotalCo2eKg();
            if (d.getBaselineCo2eKg() != null) {
                withBaseline++;
                avoidedKg += d.getBaselineCo2eKg() - d.getTotalCo2eKg();
            }
        }
    }

    synchronized Snapshot snapshot() {
        return new Snapshot(
                decisions,
                new EnumMap<>(byStatus),
                new TreeMap<>(rejectedByReason),
                routed,
                split,
                co2eKg,
                withBaseline,
                avoidedKg,
                unitsOrdered,
                unitsAllocated);
    }

    /** "UNKNOWN_SKU: unknown SKU X" -> "UNKNOWN_SKU". */
    private static String reasonCode(String reason) {
        if (reason == null || reason.isBlank()) {
            return "?";
        }
        int colon = reason.indexOf(':');
        return colon < 0 ? reason : reason.substring(0, colon);
    }

    /**
     * The figures at one moment.
     *
     * @param decisions every decision record read, RE_ROUTED included
     * @param rejectedByReason REJECTED decisions per reason code
     * @param routed orders ROUTED or PARTIALLY_ROUTED
     * @param split routed orders sent in more than one shipment
     * @param co2eKg kg CO2e of the routed orders' plans
     * @param withBaseline routed orders whose decision carries the cost-only baseline's CO2e
     * @param avoidedKg sum over those of baseline minus chosen kg CO2e
     * @param unitsOrdered units of the orders decided (RE_ROUTED excluded)
     * @param unitsAllocated units those decisions allocated
     */
    record Snapshot(
            long decisions,
            Map<DecisionStatus, Long> byStatus,
            Map<String, Long> rejectedByReason,
            long routed,
            long split,
            double co2eKg,
            long withBaseline,
            double avoidedKg,
            long unitsOrdered,
            long unitsAllocated) {

        long count(DecisionStatus status) {
            return byStatus.getOrDefault(status, 0L);
        }

        /** Orders with a final decision (every decision but RE_ROUTED). */
        long orders() {
            return decisions - count(DecisionStatus.RE_ROUTED);
        }

        /** Share of routed orders with more than one shipment, 0 before the first. */
        double splitRate() {
            return routed == 0 ? 0 : (double) split / routed;
        }

        double co2eKgPerRoutedOrder() {
            return routed == 0 ? 0 : co2eKg / routed;
        }

        /** Mean kg CO2e the chosen plans saved against the cost-only plan (negative: they cost). */
        double avoidedKgPerRoutedOrder() {
            return withBaseline == 0 ? 0 : avoidedKg / withBaseline;
        }

        /** Units allocated over units ordered, 0 before the first decision. */
        double fillRate() {
            return unitsOrdered == 0 ? 0 : (double) unitsAllocated / unitsOrdered;
        }
    }
}
