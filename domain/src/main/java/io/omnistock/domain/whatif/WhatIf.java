package io.omnistock.domain.whatif;

import io.omnistock.avro.OrderLine;
import io.omnistock.avro.OrderRequest;
import io.omnistock.domain.carbon.CarbonFactorTable;
import io.omnistock.domain.orders.OrderRouting;
import io.omnistock.domain.planning.CapacityView;
import io.omnistock.domain.planning.FulfilmentPlan;
import io.omnistock.domain.planning.LineAllocation;
import io.omnistock.domain.planning.Order;
import io.omnistock.domain.planning.Router;
import io.omnistock.domain.planning.RoutingPlan;
import io.omnistock.domain.planning.RoutingPolicy;
import io.omnistock.domain.planning.StockView;
import io.omnistock.domain.sourcing.Sourcing;
import io.omnistock.domain.sourcing.SourcingAction;
import io.omnistock.domain.sourcing.SourcingRuleSet;
import io.omnistock.domain.sourcing.SourcingRules;
import io.omnistock.ledger.domain.NodeInfo;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What-if replay of sourcing rules (docs/concepts/sourcing-rules.md): one recorded order stream
 * routed through two rule sets (the one in force and a draft), each from the same opening stock, as
 * routing would route it: the first matching rule (its conditions read the order and its SKUs'
 * categories) picks the nodes, split and weights, or backorders, holds or rejects the order. Plain
 * Java over the domain router: no Kafka, no Flink, nothing written anywhere. Used by {@code
 * ./omnistock what-if} (recorded orders) and {@code ./omnistock-bench what-if} (a seeded stream).
 *
 * <p>Stock and capacity: every routed allocation takes its units off that run's copy of the opening
 * ATP, nothing is replenished, nothing is reserved elsewhere meanwhile; daily order capacity is
 * booked per node per UTC day. An order naming a SKU the stock does not know is planned like any
 * other (it finds no stock), where the engine would dead-letter it.
 */
public final class WhatIf {

    /**
     * What one rule set did with one order.
     *
     * @param ruleId the deciding rule ({@code fallback} when none matched; null with no rule set)
     * @param action what the rule did; ROUTE when the order was planned (allocated or not)
     * @param plan the chosen plan; null when nothing was allocated
     */
    public record Outcome(
            String orderId,
            String ruleId,
            SourcingAction action,
            int unitsOrdered,
            long promiseBy,
            FulfilmentPlan plan) {

        public int unitsAllocated() {
            return plan == null ? 0 : plan.unitsAllocated();
        }

        public boolean routed() {
            return unitsAllocated() > 0;
        }

        /** The decision in a few words: status, nodes and rule. */
        public String summary() {
            String status =
                    switch (action) {
                        case REJECT -> "REJECTED";
                        case BACKORDER -> "BACKORDERED";
                        case HOLD_FOR_REVIEW -> "HELD";
                        case ROUTE ->
                                !routed()
                                        ? "BACKORDERED"
                                        : unitsAllocated() < unitsOrdered
                                                ? "PARTIAL " + String.join("+", plan.nodeIds())
                                                : "ROUTED " + String.join("+", plan.nodeIds());
                    };
            return status + (ruleId == null ? "" : " (" + ruleId + ")");
        }

        /**
         * Whether another rule set decided this order otherwise: another action or other
         * allocations (the same decision by another rule is not a change).
         */
        boolean differsFrom(Outcome other) {
            return action != other.action || !allocationKey().equals(other.allocationKey());
        }

        private String allocationKey() {
            return plan == null ? "" : plan.allocationKey();
        }
    }

    /** One rule set's outcomes, in the stream's order. */
    public record Run(String label, Long version, List<Outcome> outcomes) {}

    private final List<NodeInfo> nodes;
    private final Map<String, Long> openingAtp;
    private final Map<String, String> categories;
    private final List<OrderRequest> orders;
    private final Router base;
    private final CarbonFactorTable carbon;

    /** A replay without SKU categories (a {@code category=} condition then matches no order). */
    public WhatIf(
            List<NodeInfo> nodes,
            Map<String, Long> openingAtp,
            List<OrderRequest> orders,
            RoutingPolicy jobOptions,
            CarbonFactorTable carbon) {
        this(nodes, openingAtp, Map.of(), orders, jobOptions, carbon);
    }

    /**
     * @param openingAtp ATP per {@code sku|node} at the start
     * @param categories the category of each SKU (reference.skus); a SKU left out has none
     * @param orders the orders in the order they are routed
     */
    public WhatIf(
            List<NodeInfo> nodes,
            Map<String, Long> openingAtp,
            Map<String, String> categories,
            List<OrderRequest> orders,
            RoutingPolicy jobOptions,
            CarbonFactorTable carbon) {
        this.nodes = List.copyOf(nodes);
        this.openingAtp = Map.copyOf(openingAtp);
        this.categories = Map.copyOf(categories);
        this.orders = List.copyOf(orders);
        this.carbon = carbon;
        this.base = new Router(jobOptions, carbon);
    }

    public int orderCount() {
        return orders.size();
    }

    /** The rules a text reads as over this replay's job options; null text: the options alone. */
    public SourcingRules rules(String text, long version) {
        if (text == null) {
            return SourcingRules.jobOptions(base);
        }
        return SourcingRules.of(base, SourcingRuleSet.parse("default", version, text), carbon);
    }

    /** Routes every order under the rules, from the opening stock. */
    public Run run(String label, SourcingRules rules) {
        Map<String, Long> atp = new HashMap<>(openingAtp);
        Map<String, Integer> booked = new HashMap<>();
        List<Outcome> outcomes = new ArrayList<>(orders.size());
        for (OrderRequest request : orders) {
            Order order = OrderRouting.domainOrder(request, request.getLines());
            Sourcing sourcing =
                    rules.decide(
                            order,
                            request.getRegion(),
                            request.getOrderValue(),
                            categoriesOf(request.getLines()));
            FulfilmentPlan chosen = null;
            if (sourcing.routes()) {
                long day = Math.floorDiv(order.orderTime(), 86_400_000L);
                StockView stock = (sku, nodeId) -> atp.getOrDefault(sku + "|" + nodeId, 0L);
                CapacityView capacity =
                        node ->
                                node.dailyOrderCapacity <= 0
                                        || booked.getOrDefault(day + "|" + node.nodeId, 0)
                                                < node.dailyOrderCapacity;
                Router router = sourcing.router();
                RoutingPlan plan =
                        router.planWithoutAlternatives(
                                order,
                                sourcing.nodes(nodes),
                                stock,
                                capacity,
                                router.policy().maxSplit());
                chosen = plan.chosen() == null ? null : plan.chosen().plan();
                if (chosen != null) {
                    for (LineAllocation a : chosen.lineAllocations()) {
                        atp.merge(a.sku() + "|" + a.nodeId(), (long) -a.quantity(), Long::sum);
                    }
                    for (String nodeId : chosen.nodeIds()) {
                        booked.merge(day + "|" + nodeId, 1, Integer::sum);
                    }
                }
            }
            outcomes.add(
                    new Outcome(
                            order.orderId(),
                            sourcing.ruleId(),
                            sourcing.action(),
                            order.unitsOrdered(),
                            order.promiseBy(),
                            chosen));
        }
        return new Run(label, rules.version(), outcomes);
    }

    private Collection<String> categoriesOf(List<OrderLine> lines) {
        List<String> of = new ArrayList<>(lines.size());
        for (String sku : OrderRouting.skusOf(lines)) {
            of.add(categories.get(sku));
        }
        return of;
    }

    /** The orders the two runs (of the same stream) decided differently, in stream order. */
    public static List<Outcome[]> changed(Run current, Run draft) {
        List<Outcome[]> changed = new ArrayList<>();
        for (int i = 0; i < current.outcomes().size(); i++) {
            Outcome a = current.outcomes().get(i);
            Outcome b = draft.outcomes().get(i);
            if (a.differsFrom(b)) {
                changed.add(new Outcome[] {a, b});
            }
        }
        return changed;
    }
}
