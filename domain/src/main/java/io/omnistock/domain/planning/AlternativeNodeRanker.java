package io.omnistock.domain.planning;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Per order line, the eligible nodes (whatever their stock) ranked as if each sent the whole line
 * in one shipment, as {@link PlanScorer} ranks plans: nodes that keep the promise first, then cost,
 * speed (hours late) and carbon of those hypothetical shipments normalised across the nodes and
 * weighed with the order's weights, best first (equal scores: less CO2e, then node id). The ledger
 * walks this list to re-route a reservation after a shortage.
 */
public final class AlternativeNodeRanker implements Serializable {
    private static final long serialVersionUID = 1L;

    private final RoutingPolicy policy;
    private final ShipmentModel model;

    public AlternativeNodeRanker(RoutingPolicy policy, ShipmentModel model) {
        this.policy = policy;
        this.model = model;
    }

    /**
     * @param legs one per eligible node, sorted by node id
     * @return SKU -> at most alternativesReported node ids, best first (ties by node id), in the
     *     order's line order
     */
    public Map<String, List<String>> rank(Order order, List<Leg> legs) {
        ScoreWeights weights = policy.weightsFor(order.preference());
        Map<String, List<String>> alternatives = new LinkedHashMap<>();
        double[] costs = new double[legs.size()];
        double[] speeds = new double[legs.size()];
        for (int node = 0; node < legs.size(); node++) {
            costs[node] = legs.get(node).cost();
            speeds[node] = PlanScorer.hoursLate(order, legs.get(node).eta());
        }
        MinMax cost = MinMax.of(costs);
        MinMax speed = MinMax.of(speeds);
        for (PlannedLine line : order.lines()) {
            double weightKg = line.quantity() * policy.unitWeightKg();
            double[] carbons = new double[legs.size()];
            for (int node = 0; node < legs.size(); node++) {
                carbons[node] = model.co2eKg(legs.get(node), weightKg);
            }
            MinMax carbon = MinMax.of(carbons);
            double[] totals = new double[legs.size()];
            List<Integer> nodes = new ArrayList<>(legs.size());
            for (int node = 0; node < legs.size(); node++) {
                totals[node] =
                        weights.weigh(
                                cost.part(costs[node]),
                                speed.part(speeds[node]),
                                carbon.part(carbons[node]));
                nodes.add(node);
            }
            // legs are in node id order, and the sort is stable
            nodes.sort(
                    Comparator.comparing((Integer node) -> speeds[node] > 0)
                            .thenComparingDouble(node -> totals[node])
                            .thenComparingDouble(node -> carbons[node]));
            alternatives.put(
                    line.sku(),
                    nodes.stream()
                            .limit(policy.alternativesReported())
                            .map(node -> legs.get(node).nodeId())
                            .toList());
        }
        return alternatives;
    }
}
