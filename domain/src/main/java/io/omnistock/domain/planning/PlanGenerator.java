package io.omnistock.domain.planning;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The candidate plans for an order from its eligible nodes and their stock. Each node offers
 * min(line quantity, ATP) of each line; a line may be split across nodes.
 *
 * <ol>
 *   <li>Single-node plans: every node that can send at least one unit.
 *   <li>Multi-node plans (maxSplit at least 2): from each of the {@code anchorLimit} nodes covering
 *       most units (ties by node id), greedily add the node covering most of what is left (ties:
 *       the cheaper shipment, then node id) until everything is allocated, no node adds a unit, or
 *       maxSplit nodes are used; kept when it allocates more than the anchor alone.
 *   <li>Duplicates (same units from the same nodes) are dropped.
 * </ol>
 */
public final class PlanGenerator implements Serializable {
    private static final long serialVersionUID = 1L;

    private final ShipmentModel model;
    private final int anchorLimit;

    public PlanGenerator(ShipmentModel model, int anchorLimit) {
        this.model = model;
        this.anchorLimit = anchorLimit;
    }

    /**
     * @param legs one per eligible node, sorted by node id
     * @return distinct plans, each allocating at least one unit: the single-node ones in node id
     *     order, then the multi-node ones by anchor
     */
    public List<FulfilmentPlan> plans(Order order, List<Leg> legs, StockView stock, int maxSplit) {
        List<PlannedLine> lines = order.lines();
        int[][] offer = new int[legs.size()][];
        int[] covers = new int[legs.size()];
        for (int node = 0; node < legs.size(); node++) {
            offer[node] = new int[lines.size()];
            for (int line = 0; line < lines.size(); line++) {
                long atp = stock.atp(lines.get(line).sku(), legs.get(node).nodeId());
                offer[node][line] = (int) Math.max(0, Math.min(lines.get(line).quantity(), atp));
                covers[node] += offer[node][line];
            }
        }

        Map<String, FulfilmentPlan> plans = new LinkedHashMap<>();
        for (int node = 0; node < legs.size(); node++) {
            if (covers[node] > 0) {
                add(plans, plan(lines, legs, Map.of(node, offer[node])));
            }
        }
        if (maxSplit >= 2) {
            for (int anchor : anchors(covers)) {
                Map<Integer, int[]> taken = greedyFrom(anchor, lines, legs, offer, maxSplit);
                if (taken.size() > 1) {
                    add(plans, plan(lines, legs, taken));
                }
            }
        }
        return new ArrayList<>(plans.values());
    }

    /** Nodes covering at least one unit, most units first, ties by node id; at most anchorLimit. */
    private List<Integer> anchors(int[] covers) {
        List<Integer> anchors = new ArrayList<>();
        for (int node = 0; node < covers.length; node++) {
            if (covers[node] > 0) {
                anchors.add(node);
            }
        }
        // legs are in node id order, and the sort is stable
        anchors.sort(Comparator.comparingInt((Integer node) -> covers[node]).reversed());
        return anchors.subList(0, Math.min(anchorLimit, anchors.size()));
    }

    /** Units taken per node (by leg index, in the order the nodes were added). */
    private static Map<Integer, int[]> greedyFrom(
            int anchor, List<PlannedLine> lines, List<Leg> legs, int[][] offer, int maxSplit) {
        int[] remaining = new int[lines.size()];
        for (int line = 0; line < lines.size(); line++) {
            remaining[line] = lines.get(line).quantity() - offer[anchor][line];
        }
        Map<Integer, int[]> taken = new LinkedHashMap<>();
        taken.put(anchor, offer[anchor]);
        while (sum(remaining) > 0 && taken.size() < maxSplit) {
            int best = -1;
            int bestCover = 0;
            for (int node = 0; node < legs.size(); node++) {
                if (taken.containsKey(node)) {
                    continue;
                }
                int cover = 0;
                for (int line = 0; line < lines.size(); line++) {
                    cover += Math.min(remaining[line], offer[node][line]);
                }
                boolean better =
                        cover > bestCover
                                || (cover == bestCover
                                        && best >= 0
                                        && legs.get(node).cost() < legs.get(best).cost());
                if (cover > 0 && better) {
                    best = node;
                    bestCover = cover;
                }
            }
            if (best < 0) {
                break;
            }
            int[] take = new int[lines.size()];
            for (int line = 0; line < lines.size(); line++) {
                take[line] = Math.min(remaining[line], offer[best][line]);
                remaining[line] -= take[line];
            }
            taken.put(best, take);
        }
        return taken;
    }

    private FulfilmentPlan plan(
            List<PlannedLine> lines, List<Leg> legs, Map<Integer, int[]> taken) {
        List<Shipment> shipments = new ArrayList<>(taken.size());
        taken.forEach(
                (node, units) -> {
                    List<PlannedLine> box = new ArrayList<>();
                    for (int line = 0; line < lines.size(); line++) {
                        if (units[line] > 0) {
                            box.add(new PlannedLine(lines.get(line).sku(), units[line]));
                        }
                    }
                    shipments.add(model.shipment(legs.get(node), box));
                });
        return new FulfilmentPlan(shipments);
    }

    private static void add(Map<String, FulfilmentPlan> plans, FulfilmentPlan plan) {
        plans.putIfAbsent(plan.allocationKey(), plan);
    }

    private static int sum(int[] values) {
        int sum = 0;
        for (int value : values) {
            sum += value;
        }
        return sum;
    }
}
