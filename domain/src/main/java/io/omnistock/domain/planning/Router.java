package io.omnistock.domain.planning;

import io.omnistock.domain.carbon.CarbonFactorTable;
import io.omnistock.ledger.domain.NodeInfo;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Routes one order (docs/design.md section 4): filter the eligible nodes, generate candidate plans
 * from their stock, score and rank them under the order's preference, and report the chosen plan,
 * the runners-up, the cost-only baseline, what is backordered and per-line alternative nodes.
 *
 * <p>Plain Java and stateless between calls: safe to share within one Flink subtask.
 */
public final class Router implements Serializable {
    private static final long serialVersionUID = 1L;

    private final RoutingPolicy policy;
    private final CandidateFilter filter;
    private final ShipmentModel shipments;
    private final PlanGenerator generator;
    private final PlanScorer scorer;
    private final AlternativeNodeRanker alternatives;

    public Router(RoutingPolicy policy, CarbonFactorTable carbon) {
        this.policy = policy;
        this.filter = new CandidateFilter(policy);
        this.shipments = new ShipmentModel(policy, carbon);
        this.generator = new PlanGenerator(shipments, policy.anchorLimit());
        this.scorer = new PlanScorer(policy);
        this.alternatives = new AlternativeNodeRanker(policy, shipments);
    }

    public RoutingPolicy policy() {
        return policy;
    }

    /** The eligibility rules, e.g. to tell why a node was left out. */
    public CandidateFilter filter() {
        return filter;
    }

    public ShipmentModel shipmentModel() {
        return shipments;
    }

    /** Routes the order with the policy's maxSplit. */
    public RoutingPlan plan(
            Order order, Collection<NodeInfo> nodes, StockView stock, CapacityView capacity) {
        return plan(order, nodes, stock, capacity, policy.maxSplit());
    }

    /**
     * Routes the order using at most {@code maxSplit} nodes, e.g. to re-plan refused lines with the
     * nodes the order has left.
     */
    public RoutingPlan plan(
            Order order,
            Collection<NodeInfo> nodes,
            StockView stock,
            CapacityView capacity,
            int maxSplit) {
        return plan(order, nodes, stock, capacity, maxSplit, true);
    }

    /**
     * As {@link #plan(Order, Collection, StockView, CapacityView, int)}, but without ranking
     * alternative nodes per line (empty {@link RoutingPlan#alternatives()}), e.g. for a
     * delivery-options quote, which reserves nothing and so never re-routes: the chosen plan,
     * candidates and baseline are the same.
     */
    public RoutingPlan planWithoutAlternatives(
            Order order,
            Collection<NodeInfo> nodes,
            StockView stock,
            CapacityView capacity,
            int maxSplit) {
        return plan(order, nodes, stock, capacity, maxSplit, false);
    }

    private RoutingPlan plan(
            Order order,
            Collection<NodeInfo> nodes,
            StockView stock,
            CapacityView capacity,
            int maxSplit,
            boolean withAlternatives) {
        if (maxSplit < 1) {
            throw new IllegalArgumentException("maxSplit must be at least 1: " + maxSplit);
        }
        List<NodeInfo> eligible = filter.eligible(order, nodes, capacity);
        List<Leg> legs = new ArrayList<>(eligible.size());
        for (NodeInfo node : eligible) {
            legs.add(shipments.leg(order, node));
        }
        List<ScoredPlan> ranked = scorer.rank(order, generator.plans(order, legs, stock, maxSplit));
        ScoredPlan chosen = ranked.isEmpty() ? null : ranked.get(0);
        return new RoutingPlan(
                chosen,
                ranked.subList(0, Math.min(policy.candidatesReported(), ranked.size())),
                PlanScorer.costOnlyBaseline(ranked),
                backordered(order, chosen),
                withAlternatives ? alternatives.rank(order, legs) : Map.of(),
                order.unitsOrdered(),
                ranked.size());
    }

    private static List<PlannedLine> backordered(Order order, ScoredPlan chosen) {
        List<PlannedLine> missing = new ArrayList<>();
        for (PlannedLine line : order.lines()) {
            int shortBy =
                    line.quantity() - (chosen == null ? 0 : chosen.plan().allocated(line.sku()));
            if (shortBy > 0) {
                missing.add(new PlannedLine(line.sku(), shortBy));
            }
        }
        return missing;
    }
}
