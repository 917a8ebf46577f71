package io.omnistock.domain.planning;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** One way to fulfil (some of) an order: a set of shipments, at most one per node. */
public final class FulfilmentPlan {
    private final List<Shipment> shipments;
    private final double cost;
    private final double co2eKg;
    private final double distanceKm;
    private final long latestEta;
    private final int unitsAllocated;

    /** A plan of these shipments (at least one, one per node), kept in node id order. */
    public FulfilmentPlan(List<Shipment> shipments) {
        if (shipments.isEmpty()) {
            throw new IllegalArgumentException("a plan has at least one shipment");
        }
        List<Shipment> sorted = new ArrayList<>(shipments);
        sorted.sort(Comparator.comparing(Shipment::nodeId));
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).nodeId().equals(sorted.get(i - 1).nodeId())) {
                throw new IllegalArgumentException("two shipments from " + sorted.get(i).nodeId());
            }
        }
        this.shipments = List.copyOf(sorted);
        double costSum = 0;
        double co2eSum = 0;
        double distanceSum = 0;
        long latest = Long.MIN_VALUE;
        int units = 0;
        for (Shipment shipment : this.shipments) {
            costSum += shipment.cost();
            co2eSum += shipment.co2eKg();
            distanceSum += shipment.travelKm();
            latest = Math.max(latest, shipment.eta());
            units += shipment.units();
        }
        this.cost = costSum;
        this.co2eKg = co2eSum;
        this.distanceKm = distanceSum;
        this.latestEta = latest;
        this.unitsAllocated = units;
    }

    /** In node id order. */
    public List<Shipment> shipments() {
        return shipments;
    }

    public int shipmentCount() {
        return shipments.size();
    }

    /** The nodes the plan ships from, sorted. */
    public List<String> nodeIds() {
        return shipments.stream().map(Shipment::nodeId).toList();
    }

    /** Sum of the shipments' costs. */
    public double cost() {
        return cost;
    }

    public double co2eKg() {
        return co2eKg;
    }

    /** Sum of the shipments' travel distances. */
    public double distanceKm() {
        return distanceKm;
    }

    /** When the last shipment arrives (or is ready for pickup), epoch ms. */
    public long latestEta() {
        return latestEta;
    }

    public int unitsAllocated() {
        return unitsAllocated;
    }

    /** Units of the SKU the plan allocates, over all shipments. */
    public int allocated(String sku) {
        int units = 0;
        for (Shipment shipment : shipments) {
            for (PlannedLine line : shipment.lines()) {
                if (line.sku().equals(sku)) {
                    units += line.quantity();
                }
            }
        }
        return units;
    }

    /** Per shipment and line: node, SKU, units, mode, ETA, cost and CO2e shares, distance. */
    public List<LineAllocation> lineAllocations() {
        List<LineAllocation> allocations = new ArrayList<>();
        for (Shipment shipment : shipments) {
            allocations.addAll(shipment.lineAllocations());
        }
        return allocations;
    }

    /**
     * What goes where, e.g. {@code DC1[SKU-A=2,SKU-B=1] S1[SKU-A=1]}: two plans with the same key
     * allocate the same units from the same nodes.
     */
    public String allocationKey() {
        StringBuilder key = new StringBuilder();
        for (Shipment shipment : shipments) {
            if (key.length() > 0) {
                key.append(' ');
            }
            key.append(shipment.nodeId()).append('[');
            List<PlannedLine> lines = new ArrayList<>(shipment.lines());
            lines.sort(Comparator.comparing(PlannedLine::sku));
            for (int i = 0; i < lines.size(); i++) {
                if (i > 0) {
                    key.append(',');
                }
                key.append(lines.get(i).sku()).append('=').append(lines.get(i).quantity());
            }
            key.append(']');
        }
        return key.toString();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FulfilmentPlan plan && shipments.equals(plan.shipments);
    }

    @Override
    public int hashCode() {
        return shipments.hashCode();
    }

    @Override
    public String toString() {
        return allocationKey();
    }
}
