package io.omnistock.domain.quotes;

import io.omnistock.avro.ConsolidationSuggestion;
import io.omnistock.avro.DeliveryOption;
import io.omnistock.avro.DeliverySpeed;
import io.omnistock.avro.FulfilmentMethod;
import io.omnistock.avro.QuoteLabel;
import io.omnistock.avro.QuotedShipment;
import io.omnistock.avro.RoutingPreference;
import io.omnistock.domain.planning.CapacityView;
import io.omnistock.domain.planning.GeoPoint;
import io.omnistock.domain.planning.Order;
import io.omnistock.domain.planning.PlannedLine;
import io.omnistock.domain.planning.Router;
import io.omnistock.domain.planning.RoutingOutcome;
import io.omnistock.domain.planning.RoutingPlan;
import io.omnistock.domain.planning.ScoredPlan;
import io.omnistock.domain.planning.Shipment;
import io.omnistock.domain.planning.StockView;
import io.omnistock.domain.sourcing.Sourcing;
import io.omnistock.domain.sourcing.SourcingRules;
import io.omnistock.ledger.domain.NodeInfo;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Builds the delivery options of a cart: one candidate order per fulfilment choice, planned by the
 * same {@link Router} an order placed with that choice meets, so the option's plan, ETA, cost and
 * CO2e are the ones the order would get on the same stock and capacity.
 *
 * <ul>
 *   <li>With a destination: SHIP_TO_HOME standard (nodes offering SHIP_TO_HOME, the cart's
 *       preference, the standard promise) and express (the same nodes, FASTEST, the express
 *       promise; left out when it plans exactly what standard does); SHIP_FROM_STORE (stores may
 *       ship too; offered only when its plan uses a ship-from-store node); SAME_DAY (nodes within
 *       the same-day radius); BOPIS and CURBSIDE at the nearest open stores offering them within
 *       the pickup radius, at most {@code maxPickupStores} each.
 *   <li>The cart's pickup store, if it names one, is quoted for BOPIS and CURBSIDE first.
 *   <li>A cart naming a node group is planned on that group's nodes only, as its orders would be.
 *   <li>An option is feasible only when its plan allocates every unit of the cart.
 *   <li>Labels: LOWEST_CARBON, FASTEST (earliest ETA) and CHEAPEST go to every option with the
 *       minimum among the feasible options (ties share a label).
 *   <li>Consolidation: an option split over several shipments gets the best single-shipment plan of
 *       the same order when that one delivers everything with less CO2e.
 * </ul>
 */
public final class DeliveryOptions implements Serializable {
    private static final long serialVersionUID = 1L;

    private static final double MILLIS_PER_HOUR = 3_600_000.0;
    private static final double EPSILON = 1e-9;

    /**
     * A cart to quote, as routing sees an order's lines.
     *
     * @param lines one per SKU (merged), quantities positive
     * @param destination null when the shopper only names a pickup store
     * @param pickupNodeId null when none is named
     * @param nodeGroup the node group whose nodes alone may fulfil the cart; null for any node
     */
    public record Cart(
            String requestId,
            long quoteTime,
            String channel,
            List<PlannedLine> lines,
            GeoPoint destination,
            String pickupNodeId,
            RoutingPreference preference,
            String nodeGroup) {

        /** A cart any node may fulfil (no node group). */
        public Cart(
                String requestId,
                long quoteTime,
                String channel,
                List<PlannedLine> lines,
                GeoPoint destination,
                String pickupNodeId,
                RoutingPreference preference) {
            this(requestId, quoteTime, channel, lines, destination, pickupNodeId, preference, null);
        }
    }

    private final Router router;
    private final QuoteSettings settings;

    private final SourcingRules jobOptions;

    public DeliveryOptions(Router router, QuoteSettings settings) {
        this.router = router;
        this.settings = settings;
        this.jobOptions = SourcingRules.jobOptions(router);
    }

    /** The job's routing options alone, for when no sourcing rule set is in force. */
    public SourcingRules jobOptions() {
        return jobOptions;
    }

    /**
     * An option's order, how the sourcing rules source it and the plan its rule's router makes; the
     * plan is null when the rule backorders, holds or rejects the order (no option).
     */
    private record Planned(Order order, Sourcing sourcing, RoutingPlan plan) {
        boolean routed() {
            return plan != null && plan.outcome() == RoutingOutcome.ROUTED;
        }
    }

    /**
     * The sourcing rules that plan a cart's options, and the cart's region, value and SKU
     * categories.
     */
    private record Rules(
            SourcingRules rules, String region, Double value, Collection<String> categories) {}

    /** The feasible options of the cart under the job's options (no sourcing rules). */
    public List<DeliveryOption> build(
            Cart cart, Collection<NodeInfo> nodes, StockView stock, CapacityView capacity) {
        return build(cart, jobOptions, "", null, nodes, stock, capacity);
    }

    /**
     * The feasible options of the cart, labelled, in the order the class comment lists them: each
     * option's order planned under the sourcing rule that would decide it (its nodes, split and
     * weights); an option whose order a rule backorders, holds or rejects is left out.
     */
    public List<DeliveryOption> build(
            Cart cart,
            SourcingRules sourcingRules,
            String region,
            Double value,
            Collection<NodeInfo> nodes,
            StockView stock,
            CapacityView capacity) {
        return build(cart, sourcingRules, region, value, List.of(), nodes, stock, capacity);
    }

    /**
     * As {@link #build(Cart, SourcingRules, String, Double, Collection, StockView, CapacityView)},
     * with the categories of the cart's SKUs (reference.skus) for rules that name a category.
     */
    public List<DeliveryOption> build(
            Cart cart,
            SourcingRules sourcingRules,
            String region,
            Double value,
            Collection<String> categories,
            Collection<NodeInfo> nodes,
            StockView stock,
            CapacityView capacity) {
        Rules rules = new Rules(sourcingRules, region, value, categories);
        List<DeliveryOption> options = new ArrayList<>();
        if (cart.destination() != null) {
            Order standardOrder = order(cart, FulfilmentMethod.SHIP_TO_HOME, false, null);
            Planned standard = plan(rules, standardOrder, nodes, stock, capacity);
            addIfFeasible(
                    options,
                    FulfilmentMethod.SHIP_TO_HOME,
                    DeliverySpeed.STANDARD,
                    standard,
                    nodes,
                    stock,
                    capacity);
            Order expressOrder = expressOrder(cart);
            Planned express = plan(rules, expressOrder, nodes, stock, capacity);
            if (!samePlan(standard, express)) {
                addIfFeasible(
                        options,
                        FulfilmentMethod.SHIP_TO_HOME,
                        DeliverySpeed.EXPRESS,
                        express,
                        nodes,
                        stock,
                        capacity);
            }
            Order fromStore = order(cart, FulfilmentMethod.SHIP_TO_HOME, true, null);
            Planned storePlan = plan(rules, fromStore, nodes, stock, capacity);
            if (usesShipFromStore(storePlan, nodes)) {
                addIfFeasible(
                        options,
                        FulfilmentMethod.SHIP_FROM_STORE,
                        DeliverySpeed.STANDARD,
                        storePlan,
                        nodes,
                        stock,
                        capacity);
            }
            Order sameDay = order(cart, FulfilmentMethod.SAME_DAY, false, null);
            addIfFeasible(
                    options,
                    FulfilmentMethod.SAME_DAY,
                    DeliverySpeed.STANDARD,
                    plan(rules, sameDay, nodes, stock, capacity),
                    nodes,
                    stock,
                    capacity);
        }
        for (FulfilmentMethod pickup : List.of(FulfilmentMethod.BOPIS, FulfilmentMethod.CURBSIDE)) {
            int quoted = 0;
            for (NodeInfo store : pickupStores(cart, pickup, nodes)) {
                if (quoted >= settings.maxPickupStores()) {
                    break;
                }
                Order order = order(cart, pickup, false, store.nodeId);
                if (addIfFeasible(
                        options,
                        pickup,
                        DeliverySpeed.STANDARD,
                        plan(rules, order, nodes, stock, capacity),
                        nodes,
                        stock,
                        capacity)) {
                    quoted++;
                }
            }
        }
        label(options);
        return options;
    }

    /**
     * The order routing would plan for this choice: placed at the quote's time with the option's
     * promise and preference. An order request carrying the option's method, shipFromStoreAllowed,
     * pickupNodeId, preference and promiseBy becomes this order.
     */
    Order order(Cart cart, FulfilmentMethod method, boolean shipFromStore, String pickupNodeId) {
        long promise =
                switch (method) {
                    case BOPIS, CURBSIDE -> settings.pickupPromiseMillis();
                    case SAME_DAY -> settings.sameDayPromiseMillis();
                    default -> settings.standardPromiseMillis();
                };
        return new Order(
                cart.requestId(),
                cart.quoteTime(),
                cart.channel(),
                cart.lines(),
                method,
                shipFromStore,
                cart.destination(),
                pickupNodeId,
                cart.quoteTime() + promise,
                cart.preference(),
                cart.nodeGroup());
    }

    Order expressOrder(Cart cart) {
        return new Order(
                cart.requestId(),
                cart.quoteTime(),
                cart.channel(),
                cart.lines(),
                FulfilmentMethod.SHIP_TO_HOME,
                false,
                cart.destination(),
                null,
                cart.quoteTime() + settings.expressPromiseMillis(),
                RoutingPreference.FASTEST,
                cart.nodeGroup());
    }

    /**
     * The plan routing would make for the order (alternative nodes left out: a quote never
     * re-routes). A pickup is planned on its store alone: routing finds no other node eligible.
     */
    private static Planned plan(
            Rules rules,
            Order order,
            Collection<NodeInfo> nodes,
            StockView stock,
            CapacityView capacity) {
        Sourcing sourcing =
                rules.rules().decide(order, rules.region(), rules.value(), rules.categories());
        if (!sourcing.routes()) {
            return new Planned(order, sourcing, null);
        }
        Router router = sourcing.router();
        return new Planned(
                order,
                sourcing,
                router.planWithoutAlternatives(
                        order, sourcing.nodes(nodes), stock, capacity, router.policy().maxSplit()));
    }

    private boolean addIfFeasible(
            List<DeliveryOption> options,
            FulfilmentMethod method,
            DeliverySpeed speed,
            Planned planned,
            Collection<NodeInfo> nodes,
            StockView stock,
            CapacityView capacity) {
        if (!planned.routed()) {
            return false;
        }
        Order order = planned.order();
        ScoredPlan chosen = planned.plan().chosen();
        DeliveryOption option =
                DeliveryOption.newBuilder()
                        .setMethod(method)
                        .setSpeed(speed)
                        .setPickupNodeId(order.isPickup() ? order.pickupNodeId() : null)
                        .setEta(Instant.ofEpochMilli(chosen.latestEta()))
                        .setShippingCost(chosen.cost())
                        .setShipments(chosen.shipmentCount())
                        .setCo2eKg(chosen.co2eKg())
                        .setDistanceKm(chosen.distanceKm())
                        .setLabels(new ArrayList<>())
                        .setPlan(shipments(chosen))
                        .setOrderMethod(order.method())
                        .setShipFromStoreAllowed(order.shipFromStoreAllowed())
                        .setPreference(order.preference())
                        .setPromiseBy(Instant.ofEpochMilli(order.promiseBy()))
                        .setConsolidation(consolidation(planned, chosen, nodes, stock, capacity))
                        .setRuleId(planned.sourcing().ruleId())
                        .build();
        options.add(option);
        return true;
    }

    /** The best single-shipment plan when the chosen one splits and one shipment emits less. */
    private static ConsolidationSuggestion consolidation(
            Planned planned,
            ScoredPlan chosen,
            Collection<NodeInfo> nodes,
            StockView stock,
            CapacityView capacity) {
        if (chosen.shipmentCount() < 2) {
            return null;
        }
        RoutingPlan single =
                planned.sourcing()
                        .router()
                        .planWithoutAlternatives(
                                planned.order(),
                                planned.sourcing().nodes(nodes),
                                stock,
                                capacity,
                                1);
        if (single.outcome() != RoutingOutcome.ROUTED
                || single.chosen().co2eKg() >= chosen.co2eKg() - EPSILON) {
            return null;
        }
        ScoredPlan one = single.chosen();
        return ConsolidationSuggestion.newBuilder()
                .setNodeId(one.nodeIds().get(0))
                .setEta(Instant.ofEpochMilli(one.latestEta()))
                .setShippingCost(one.cost())
                .setCo2eKg(one.co2eKg())
                .setCo2eSavedKg(chosen.co2eKg() - one.co2eKg())
                .setExtraWaitHours(
                        Math.max(0, one.latestEta() - chosen.latestEta()) / MILLIS_PER_HOUR)
                .build();
    }

    private static List<QuotedShipment> shipments(ScoredPlan chosen) {
        List<QuotedShipment> shipments = new ArrayList<>();
        for (Shipment s : chosen.plan().shipments()) {
            List<io.omnistock.avro.OrderLine> lines = new ArrayList<>(s.lines().size());
            for (PlannedLine line : s.lines()) {
                lines.add(new io.omnistock.avro.OrderLine(line.sku(), line.quantity()));
            }
            shipments.add(
                    QuotedShipment.newBuilder()
                            .setNodeId(s.nodeId())
                            .setMode(s.mode())
                            .setEta(Instant.ofEpochMilli(s.eta()))
                            .setCost(s.cost())
                            .setCo2eKg(s.co2eKg())
                            .setLines(lines)
                            .build());
        }
        return shipments;
    }

    private static boolean samePlan(Planned planA, Planned planB) {
        if (planA.plan() == null || planB.plan() == null) {
            return planA.plan() == planB.plan();
        }
        RoutingPlan a = planA.plan();
        RoutingPlan b = planB.plan();
        if (a.chosen() == null || b.chosen() == null) {
            return a.chosen() == b.chosen();
        }
        return a.chosen().plan().equals(b.chosen().plan());
    }

    /** Whether a shipment leaves a node that only ships from store (no SHIP_TO_HOME). */
    private static boolean usesShipFromStore(Planned planned, Collection<NodeInfo> nodes) {
        RoutingPlan plan = planned.plan();
        if (plan == null || plan.chosen() == null) {
            return false;
        }
        for (String nodeId : plan.chosen().nodeIds()) {
            for (NodeInfo node : nodes) {
                if (node.nodeId.equals(nodeId) && !node.offers(FulfilmentMethod.SHIP_TO_HOME)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The named pickup store first, then open stores offering the method by distance, id; only the
     * cart's node group's stores when it names one.
     */
    private List<NodeInfo> pickupStores(
            Cart cart, FulfilmentMethod method, Collection<NodeInfo> nodes) {
        List<NodeInfo> stores = new ArrayList<>();
        NodeInfo named = null;
        for (NodeInfo node : nodes) {
            if (!node.isOpen()
                    || !node.offers(method)
                    || (cart.nodeGroup() != null && !node.inGroup(cart.nodeGroup()))) {
                continue;
            }
            if (node.nodeId.equals(cart.pickupNodeId())) {
                named = node;
            } else if (cart.destination() != null
                    && km(node, cart.destination()) <= settings.pickupRadiusKm()) {
                stores.add(node);
            }
        }
        if (cart.destination() != null) {
            stores.sort(
                    Comparator.comparingDouble((NodeInfo n) -> km(n, cart.destination()))
                            .thenComparing(n -> n.nodeId));
        }
        if (named != null) {
            stores.add(0, named);
        }
        return stores;
    }

    private static double km(NodeInfo node, GeoPoint destination) {
        return new GeoPoint(node.latitude, node.longitude).greatCircleKm(destination);
    }

    /** Marks the lowest-carbon, fastest and cheapest options (ties share the label). */
    static void label(List<DeliveryOption> options) {
        if (options.isEmpty()) {
            return;
        }
        double minCo2e = Double.MAX_VALUE;
        long minEta = Long.MAX_VALUE;
        double minCost = Double.MAX_VALUE;
        for (DeliveryOption o : options) {
            minCo2e = Math.min(minCo2e, o.getCo2eKg());
            minEta = Math.min(minEta, o.getEta().toEpochMilli());
            minCost = Math.min(minCost, o.getShippingCost());
        }
        for (DeliveryOption o : options) {
            if (o.getCo2eKg() <= minCo2e + EPSILON) {
                o.getLabels().add(QuoteLabel.LOWEST_CARBON);
            }
            if (o.getEta().toEpochMilli() == minEta) {
                o.getLabels().add(QuoteLabel.FASTEST);
            }
            if (o.getShippingCost() <= minCost + EPSILON) {
                o.getLabels().add(QuoteLabel.CHEAPEST);
            }
        }
    }
}
