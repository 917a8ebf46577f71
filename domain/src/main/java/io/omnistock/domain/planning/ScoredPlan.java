package io.omnistock.domain.planning;

import java.util.List;

/**
 * A candidate plan with its score parts (docs/design.md section 4): lower total is better.
 *
 * @param rank 1 for the chosen plan
 * @param hoursLate hours the latest ETA is past the promise; 0 when the plan keeps the promise
 * @param costScore cost normalised over the candidates, 0 (cheapest) to 1 (dearest)
 * @param speedScore hoursLate normalised the same way
 * @param carbonScore CO2e normalised the same way
 * @param splitPenalty the policy's split penalty x (shipments - 1)
 * @param totalScore the weighted parts + the split penalty
 */
public record ScoredPlan(
        int rank,
        FulfilmentPlan plan,
        double hoursLate,
        double costScore,
        double speedScore,
        double carbonScore,
        double splitPenalty,
        double totalScore) {

    /** Whether the plan misses the promise (its latest ETA is after it). */
    public boolean isLate() {
        return hoursLate > 0;
    }

    public boolean isChosen() {
        return rank == 1;
    }

    public List<String> nodeIds() {
        return plan.nodeIds();
    }

    public int shipmentCount() {
        return plan.shipmentCount();
    }

    public int unitsAllocated() {
        return plan.unitsAllocated();
    }

    public double cost() {
        return plan.cost();
    }

    public double co2eKg() {
        return plan.co2eKg();
    }

    public double distanceKm() {
        return plan.distanceKm();
    }

    public long latestEta() {
        return plan.latestEta();
    }

    ScoredPlan ranked(int newRank) {
        return new ScoredPlan(
                newRank,
                plan,
                hoursLate,
                costScore,
                speedScore,
                carbonScore,
                splitPenalty,
                totalScore);
    }
}
