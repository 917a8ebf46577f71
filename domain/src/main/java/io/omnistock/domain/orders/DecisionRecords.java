package io.omnistock.domain.orders;

import io.omnistock.avro.Allocation;
import io.omnistock.avro.DecisionStatus;
import io.omnistock.avro.OrderLine;
import io.omnistock.avro.OrderRequest;
import io.omnistock.avro.RoutingDecision;
import io.omnistock.avro.ScoredCandidate;
import io.omnistock.domain.planning.LineAllocation;
import io.omnistock.domain.planning.ScoredPlan;
import io.omnistock.ledger.domain.NodeInfo;
import io.omnistock.ledger.domain.orders.OrderState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Builds the Avro records of routing decisions from the routing domain's results. */
final class DecisionRecords {

    static Allocation allocation(LineAllocation a, NodeInfo node) {
        return Allocation.newBuilder()
                .setNodeId(a.nodeId())
                .setNodeType(node == null ? null : node.type)
                .setSku(a.sku())
                .setQuantity(a.quantity())
                .setMode(a.mode())
                .setEta(Instant.ofEpochMilli(a.eta()))
                .setCost(a.cost())
                .setDistanceKm(a.distanceKm())
                .setCo2eKg(a.co2eKg())
                .build();
    }

    static ScoredCandidate candidate(ScoredPlan p) {
        return ScoredCandidate.newBuilder()
                .setRank(p.rank())
                .setChosen(p.isChosen())
                .setNodes(new ArrayList<>(p.plan().nodeIds()))
                .setShipments(p.plan().shipmentCount())
                .setUnitsAllocated(p.plan().unitsAllocated())
                .setCost(p.plan().cost())
                .setLatestEta(Instant.ofEpochMilli(p.plan().latestEta()))
                .setCo2eKg(p.plan().co2eKg())
                .setCostScore(p.costScore())
                .setSpeedScore(p.speedScore())
                .setCarbonScore(p.carbonScore())
                .setSplitPenalty(p.splitPenalty())
                .setTotalScore(p.totalScore())
                .build();
    }

    /** The order's decision as the state stands, stamped at {@code eventTime}. */
    static RoutingDecision decision(
            OrderState s, DecisionStatus status, String reason, long eventTime) {
        OrderRequest order = s.order;
        int ordered = 0;
        for (OrderLine line : order.getLines()) {
            ordered += line.getQuantity();
        }
        int allocated = 0;
        double cost = 0;
        double co2e = 0;
        double distance = 0;
        Set<String> nodes = new HashSet<>();
        for (Allocation a : s.granted) {
            allocated += a.getQuantity();
            cost += a.getCost();
            co2e += a.getCo2eKg();
            if (nodes.add(a.getNodeId())) {
                distance += a.getDistanceKm(); // the shipment's distance, counted once per node
            }
        }
        return RoutingDecision.newBuilder()
                .setEventId(order.getOrderId() + "#" + s.revision)
                .setEventTime(Instant.ofEpochMilli(eventTime))
                .setOrderId(order.getOrderId())
                .setRevision(s.revision)
                .setStatus(status)
                .setReason(reason)
                .setChannel(order.getChannel())
                .setRegion(order.getRegion())
                .setMethod(order.getMethod())
                .setPreference(order.getPreference())
                .setOrderTime(order.getEventTime())
                .setPromiseBy(order.getPromiseBy())
                .setUnitsOrdered(ordered)
                .setUnitsAllocated(allocated)
                .setShipments(nodes.size())
                .setTotalCost(cost)
                .setTotalDistanceKm(distance)
                .setTotalCo2eKg(co2e)
                .setBaselineCo2eKg(s.baselineCo2eKg)
                .setBaselineCost(s.baselineCost)
                .setAttempts(Math.max(1, s.attempt))
                .setAllocations(new ArrayList<>(s.granted))
                .setBackordered(new ArrayList<>(s.backordered))
                .setCandidates(new ArrayList<>(s.candidates))
                .setRuleId(s.ruleId)
                .setRuleSetVersion(s.ruleSetVersion)
                .setInboundPromises(
                        s.inboundPromises == null
                                ? new ArrayList<>()
                                : new ArrayList<>(s.inboundPromises))
                .build();
    }

    /** ROUTED, PARTIALLY_ROUTED or BACKORDERED by the units the order holds. */
    static DecisionStatus finalStatus(OrderState s) {
        int allocated = 0;
        for (Allocation a : s.granted) {
            allocated += a.getQuantity();
        }
        if (allocated == 0) {
            return DecisionStatus.BACKORDERED;
        }
        return s.backordered.isEmpty() ? DecisionStatus.ROUTED : DecisionStatus.PARTIALLY_ROUTED;
    }

    static List<OrderLine> merged(List<OrderLine> lines) {
        List<OrderLine> merged = new ArrayList<>(lines.size());
        for (OrderLine line : lines) {
            OrderLine same = null;
            for (OrderLine m : merged) {
                if (m.getSku().equals(line.getSku())) {
                    same = m;
                }
            }
            if (same == null) {
                merged.add(new OrderLine(line.getSku(), line.getQuantity()));
            } else {
                same.setQuantity(same.getQuantity() + line.getQuantity());
            }
        }
        return merged;
    }

    private DecisionRecords() {}
}
