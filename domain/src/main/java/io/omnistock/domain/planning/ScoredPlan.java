package io.omnistock.domain.planning;

import java.util.List;

/**
 * A candidate plan with its score parts (docs/design.md section 4): lower total is better.
 *
 * @param rank 1 for the chosen plan
 * @param speedHours hours from order time to the latest ETA, + the late penalty when it misses the
 *     promise
 * @param costScore cost normalised over the candidates, 0 (cheapest) to 1 (dearest)
 * @param speedScore speedHours normalised the same way
 * @param carbonScore CO2e normalised the same way
 * @param splitPenalty the policy's split penalty x (shipments - 1)
 * @param totalScore the weighted parts + the split penalty
 */
public record ScoredPlan(
        int rank,
        FulfilmentPlan plan,
        double speedHours,
        double costScore,
        double speedScore,
        double carbonScore,
        double splitPenalty,
        double totalScore) {

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
                speedHours,
                costScore,
                speedScore,
                carbonScore,
                splitPenalty,
                totalScore);
    }
}
