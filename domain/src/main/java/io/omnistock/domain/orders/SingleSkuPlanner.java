package io.omnistock.domain.orders;

import io.omnistock.avro.Allocation;
import io.omnistock.avro.OrderLine;
import io.omnistock.avro.OrderRequest;
import io.omnistock.avro.ScoredCandidate;
import io.omnistock.domain.planning.CapacityView;
import io.omnistock.domain.planning.LineAllocation;
import io.omnistock.domain.planning.PlannedLine;
import io.omnistock.domain.planning.Router;
import io.omnistock.domain.planning.RoutingPlan;
import io.omnistock.domain.planning.ScoredPlan;
import io.omnistock.ledger.domain.NodeInfo;
import io.omnistock.ledger.domain.NodeUnits;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;

/**
 * The first plan of a single-SKU order, made by the SKU's ledger so it can reserve it at once (the
 * single-SKU fast path): the same {@link OrderValidator}, {@link Router}, policy and candidate
 * filter {@link OrderRouting} uses, on the same ATP, so the reservation is the one routing would
 * ask for, and the decision's allocations, candidates, baseline and backorders are the records
 * routing would build ({@link DecisionRecords}). Routing records them and the grant instead of
 * planning again and asking for the reservation through Kafka.
 *
 * <p>An order takes the loop through Kafka instead (no proposal) when routing would reject it or
 * when it has more than one SKU. Daily order capacity is judged by the capacity view the caller
 * gives: the ledger's own share of each node's capacity ({@link DailyCapacity}).
 */
public final class SingleSkuPlanner {

    /**
     * What the ledger reserves for the order (units per node, and alternatives for re-routes) and
     * what routing records of the plan for the decision, built as routing builds it.
     */
    public record Proposal(
            String sku,
            List<NodeUnits> units,
            List<String> alternatives,
            List<Allocation> allocations,
            List<ScoredCandidate> candidates,
            Double baselineCo2eKg,
            List<OrderLine> backordered,
            Double baselineCost) {}

    private final Router router;
    private final OrderValidator validator;

    public SingleSkuPlanner(Router router, OrderValidator validator) {
        this.router = router;
        this.validator = validator;
    }

    /**
     * The reservation routing's first plan of this order asks for on {@code atp} (ATP per OPEN
     * node), empty units when it allocates nothing; or null when the order must take the loop.
     */
    public Proposal propose(
            OrderRequest order,
            long nowMillis,
            Function<String, NodeInfo> node,
            Collection<NodeInfo> nodes,
            List<NodeUnits> atp,
            CapacityView capacity) {
        if (validator.validate(order, nowMillis, node, nodes) != null) {
            return null; // routing rejects it, and says why
        }
        List<OrderLine> lines = DecisionRecords.merged(order.getLines());
        if (lines.size() != 1) {
            return null;
        }
        String sku = lines.get(0).getSku();
        RoutingPlan plan =
                router.plan(
                        OrderRouting.domainOrder(order, lines),
                        nodes,
                        (s, nodeId) -> atpAt(atp, nodeId),
                        capacity,
                        router.policy().maxSplit());
        List<NodeUnits> units = new ArrayList<>();
        List<Allocation> allocations = new ArrayList<>();
        for (LineAllocation a : plan.allocations()) {
            units.add(new NodeUnits(a.nodeId(), a.quantity()));
            allocations.add(DecisionRecords.allocation(a, node.apply(a.nodeId())));
        }
        List<ScoredCandidate> candidates = new ArrayList<>();
        for (ScoredPlan candidate : plan.candidates()) {
            candidates.add(DecisionRecords.candidate(candidate));
        }
        List<OrderLine> backordered = new ArrayList<>();
        for (PlannedLine missing : plan.backordered()) {
            backordered.add(new OrderLine(missing.sku(), missing.quantity()));
        }
        return new Proposal(
                sku,
                units,
                plan.alternativesFor(sku),
                allocations,
                candidates,
                plan.baselineCo2eKg(),
                backordered,
                plan.baselineCost());
    }

    /**
     * The nodes an order may be promised inbound units at: every node its method and group rules
     * let fulfil it (capacity is for another day), as routing's {@link OrderRouting} judges them.
     */
    public List<String> inboundNodes(OrderRequest order, Collection<NodeInfo> nodes) {
        return OrderRouting.inboundNodes(
                router, OrderRouting.domainOrder(order, order.getLines()), nodes);
    }

    private static long atpAt(List<NodeUnits> atp, String nodeId) {
        for (NodeUnits u : atp) {
            if (u.nodeId.equals(nodeId)) {
                return u.units;
            }
        }
        return 0;
    }
}
