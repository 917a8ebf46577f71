package io.omnistock.domain.planning;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What routing decided for an order, and why.
 *
 * @param chosen the best plan (rank 1); null when nothing can be allocated
 * @param candidates the best-ranked plans, chosen first, at most candidatesReported
 * @param costOnlyBaseline the plan a cost-only policy would choose from the same candidates (may be
 *     the chosen one): most units, then keeping the promise, then cheapest; null when nothing can
 *     be allocated
 * @param backordered per line, the units ordered minus the units allocated (lines with nothing
 *     missing left out); every line when nothing can be allocated
 * @param alternatives SKU -> eligible node ids, best first, whatever their stock (see {@link
 *     AlternativeNodeRanker}), in the order's line order
 * @param unitsOrdered units of the order as planned
 * @param candidatesConsidered how many distinct plans were scored
 */
public record RoutingPlan(
        ScoredPlan chosen,
        List<ScoredPlan> candidates,
        ScoredPlan costOnlyBaseline,
        List<PlannedLine> backordered,
        Map<String, List<String>> alternatives,
        int unitsOrdered,
        int candidatesConsidered) {

    public RoutingPlan {
        candidates = List.copyOf(candidates);
        backordered = List.copyOf(backordered);
        alternatives = Collections.unmodifiableMap(new LinkedHashMap<>(alternatives));
    }

    public RoutingOutcome outcome() {
        if (chosen == null) {
            return RoutingOutcome.BACKORDERED;
        }
        return backordered.isEmpty() ? RoutingOutcome.ROUTED : RoutingOutcome.PARTIALLY_ROUTED;
    }

    public int unitsAllocated() {
        return chosen == null ? 0 : chosen.unitsAllocated();
    }

    /** The chosen plan per shipment and line; empty when nothing is allocated. */
    public List<LineAllocation> allocations() {
        return chosen == null ? List.of() : chosen.plan().lineAllocations();
    }

    /** Ranked alternative nodes for a SKU of the order; empty for an unknown SKU. */
    public List<String> alternativesFor(String sku) {
        return alternatives.getOrDefault(sku, List.of());
    }

    /** CO2e of the cost-only baseline, or null when nothing can be allocated. */
    public Double baselineCo2eKg() {
        return costOnlyBaseline == null ? null : costOnlyBaseline.co2eKg();
    }

    /** Cost of the cost-only baseline, or null when nothing can be allocated. */
    public Double baselineCost() {
        return costOnlyBaseline == null ? null : costOnlyBaseline.cost();
    }

    /** Baseline CO2e minus chosen CO2e (negative when the choice emits more); 0 when unrouted. */
    public double co2eAvoidedKg() {
        return chosen == null ? 0.0 : costOnlyBaseline.co2eKg() - chosen.co2eKg();
    }
}
