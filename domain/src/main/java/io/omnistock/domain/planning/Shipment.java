package io.omnistock.domain.planning;

import io.omnistock.avro.TransportMode;
import java.util.List;

/**
 * The units one node sends for an order (or the customer collects there).
 *
 * @param lines what is in it, in the order's line order
 * @param greatCircleKm node to destination; 0 for store pickup
 * @param travelKm greatCircleKm x the freight mode's circuity
 * @param eta epoch ms
 * @param cost node handling cost + transport cost
 * @param co2eKg the leg's CO2e + one last-mile parcel for parcel modes
 */
public record Shipment(
        String nodeId,
        List<PlannedLine> lines,
        TransportMode mode,
        double greatCircleKm,
        double travelKm,
        double weightKg,
        long eta,
        double cost,
        double co2eKg) {

    public Shipment {
        lines = List.copyOf(lines);
    }

    public int units() {
        int units = 0;
        for (PlannedLine line : lines) {
            units += line.quantity();
        }
        return units;
    }

    /** One row per line, with the shipment's cost and CO2e shared by units. */
    public List<LineAllocation> lineAllocations() {
        int units = units();
        return lines.stream()
                .map(
                        line -> {
                            double share = (double) line.quantity() / units;
                            return new LineAllocation(
                                    nodeId,
                                    line.sku(),
                                    line.quantity(),
                                    mode,
                                    eta,
                                    cost * share,
                                    co2eKg * share,
                                    travelKm);
                        })
                .toList();
    }
}
