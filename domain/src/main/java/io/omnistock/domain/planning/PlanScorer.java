package io.omnistock.domain.planning;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Scores and ranks candidate plans (docs/design.md section 4). Speed is judged against the promise:
 * a plan's speed figure is the hours its latest ETA is past the promise, 0 when it keeps the
 * promise (arriving earlier than promised earns nothing). Each of cost, speed and carbon is
 * normalised over the candidates to 0..1 (min-max); total = weights x parts + splitPenalty x
 * (shipments - 1). Rank: most units allocated, then plans that keep the promise before plans that
 * miss it, then lowest total, then fewer shipments, then less CO2e, then node ids. So routing keeps
 * the promise first and then weighs cost against carbon; among plans that all miss it, the weights
 * also trade how late against cost and carbon.
 */
public final class PlanScorer implements Serializable {
    private static final long serialVersionUID = 1L;

    static final double MILLIS_PER_HOUR = 3_600_000.0;

    /** Ties after units, promise, total and shipments: less CO2e, node ids, what goes where. */
    private static final Comparator<ScoredPlan> TIE_BREAK =
            Comparator.comparingDouble(ScoredPlan::co2eKg)
                    .thenComparing(ScoredPlan::nodeIds, PlanScorer::compareIds)
                    .thenComparing(scored -> scored.plan().allocationKey());

    /** The routing order of plans. */
    public static final Comparator<ScoredPlan> BEST_FIRST =
            Comparator.comparingInt(ScoredPlan::unitsAllocated)
                    .reversed()
                    .thenComparing(ScoredPlan::isLate)
                    .thenComparingDouble(ScoredPlan::totalScore)
                    .thenComparingInt(ScoredPlan::shipmentCount)
                    .thenComparing(TIE_BREAK);

    /**
     * What a cost-only policy picks: most units, then plans that keep the promise before plans that
     * miss it, then cheapest. The decision's cost-only baseline ("CO2e avoided" and the baseline's
     * cost are measured against it), so that a choice is compared with the cheapest plan that gives
     * the same service, not with one that breaks the promise.
     */
    public static final Comparator<ScoredPlan> CHEAPEST_FIRST =
            Comparator.comparingInt(ScoredPlan::unitsAllocated)
                    .reversed()
                    .thenComparing(ScoredPlan::isLate)
                    .thenComparingDouble(ScoredPlan::cost)
                    .thenComparingInt(ScoredPlan::shipmentCount)
                    .thenComparing(TIE_BREAK);

    private final RoutingPolicy policy;

    public PlanScorer(RoutingPolicy policy) {
        this.policy = policy;
    }

    /** The plans scored under the order's preference, best first, ranked from 1. */
    public List<ScoredPlan> rank(Order order, List<FulfilmentPlan> plans) {
        ScoreWeights weights = policy.weightsFor(order.preference());
        double[] costs = new double[plans.size()];
        double[] speeds = new double[plans.size()];
        double[] carbons = new double[plans.size()];
        for (int i = 0; i < plans.size(); i++) {
            costs[i] = plans.get(i).cost();
            speeds[i] = hoursLate(order, plans.get(i).latestEta());
            carbons[i] = plans.get(i).co2eKg();
        }
        MinMax cost = MinMax.of(costs);
        MinMax speed = MinMax.of(speeds);
        MinMax carbon = MinMax.of(carbons);

        List<ScoredPlan> scored = new ArrayList<>(plans.size());
        for (int i = 0; i < plans.size(); i++) {
            double costPart = cost.part(costs[i]);
            double speedPart = speed.part(speeds[i]);
            double carbonPart = carbon.part(carbons[i]);
            double split = policy.splitPenalty() * (plans.get(i).shipmentCount() - 1);
            double total = weights.weigh(costPart, speedPart, carbonPart) + split;
            scored.add(
                    new ScoredPlan(
                            0,
                            plans.get(i),
                            speeds[i],
                            costPart,
                            speedPart,
                            carbonPart,
                            split,
                            total));
        }
        scored.sort(BEST_FIRST);
        List<ScoredPlan> ranked = new ArrayList<>(scored.size());
        for (int i = 0; i < scored.size(); i++) {
            ranked.add(scored.get(i).ranked(i + 1));
        }
        return ranked;
    }

    /** The plan a cost-only policy would choose among the ranked ones; null when there are none. */
    public static ScoredPlan costOnlyBaseline(List<ScoredPlan> ranked) {
        return ranked.stream().min(CHEAPEST_FIRST).orElse(null);
    }

    /**
     * The speed figure of an ETA: hours past the order's promise, 0 when it keeps the promise
     * (arrives at or before {@link Order#promiseBy()}).
     */
    public static double hoursLate(Order order, long eta) {
        return eta > order.promiseBy() ? (eta - order.promiseBy()) / MILLIS_PER_HOUR : 0.0;
    }

    private static int compareIds(List<String> a, List<String> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int byId = a.get(i).compareTo(b.get(i));
            if (byId != 0) {
                return byId;
            }
        }
        return Integer.compare(a.size(), b.size());
    }
}
