package io.omnistock.bench.carbon;

import io.omnistock.avro.TransportMode;
import io.omnistock.bench.carbon.CarbonExperiment.Outcome;
import io.omnistock.bench.carbon.CarbonExperiment.Policy;
import io.omnistock.bench.carbon.CarbonExperiment.Run;
import io.omnistock.domain.planning.LineAllocation;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * What one policy's choices add up to. A routed order is one with at least one unit allocated;
 * per-order figures are over routed orders. A shipment is one node of one order.
 *
 * @param orders orders routed under the policy (routed or not)
 * @param routedOrders orders with at least one unit allocated
 * @param co2eKgPerOrder kg CO2e of the chosen plans / routed orders
 * @param onTimeShare routed orders whose last shipment's ETA is at or before the promise / routed
 * @param costPerOrder cost of the chosen plans / routed orders
 * @param splitRate routed orders shipped from more than one node / routed orders
 * @param unitsFilled units allocated / units ordered, over every order
 * @param airShare shipments by PARCEL_AIR / shipments
 * @param parcelKgPerOrder of co2eKgPerOrder: the last-mile parcels (one per parcel shipment)
 * @param airKgPerOrder of co2eKgPerOrder: the air legs of PARCEL_AIR shipments
 * @param roadKgPerOrder of co2eKgPerOrder: the road legs (PARCEL_GROUND trunk, COURIER_VAN)
 * @param avoidedKgPerOrder sum over routed orders of (the decision's own cost-only baseline CO2e -
 *     chosen CO2e) / routed orders: the "CO2e avoided" the engine reports
 */
public record PolicyFigures(
        Policy policy,
        int orders,
        int routedOrders,
        double co2eKgPerOrder,
        double onTimeShare,
        double costPerOrder,
        double splitRate,
        double unitsFilled,
        double airShare,
        double parcelKgPerOrder,
        double airKgPerOrder,
        double roadKgPerOrder,
        double avoidedKgPerOrder) {

    /** The figures of a run; {@code parcelKg} is the carbon table's last-mile kg per parcel. */
    public static PolicyFigures of(Run run, double parcelKg) {
        int routed = 0;
        int onTime = 0;
        int split = 0;
        long unitsOrdered = 0;
        long unitsAllocated = 0;
        int shipments = 0;
        int air = 0;
        double co2e = 0;
        double cost = 0;
        double avoided = 0;
        double parcels = 0;
        double airKg = 0;
        double roadKg = 0;
        for (Outcome o : run.outcomes()) {
            unitsOrdered += o.unitsOrdered();
            if (o.allocations().isEmpty()) {
                continue;
            }
            routed++;
            long latestEta = Long.MIN_VALUE;
            double orderCo2e = 0;
            Map<String, TransportMode> modeByNode = new HashMap<>();
            Map<String, Double> kgByNode = new HashMap<>();
            for (LineAllocation a : o.allocations()) {
                unitsAllocated += a.quantity();
                latestEta = Math.max(latestEta, a.eta());
                orderCo2e += a.co2eKg();
                cost += a.cost();
                modeByNode.put(a.nodeId(), a.mode());
                kgByNode.merge(a.nodeId(), a.co2eKg(), Double::sum);
            }
            co2e += orderCo2e;
            avoided += o.baselineCo2eKg() - orderCo2e;
            onTime += latestEta <= o.promiseBy() ? 1 : 0;
            split += modeByNode.size() > 1 ? 1 : 0;
            shipments += modeByNode.size();
            for (Map.Entry<String, TransportMode> shipment : modeByNode.entrySet()) {
                double kg = kgByNode.get(shipment.getKey());
                switch (shipment.getValue()) {
                    case PARCEL_AIR -> {
                        air++;
                        parcels += parcelKg;
                        airKg += kg - parcelKg;
                    }
                    case PARCEL_GROUND -> {
                        parcels += parcelKg;
                        roadKg += kg - parcelKg;
                    }
                    default -> roadKg += kg;
                }
            }
        }
        return new PolicyFigures(
                run.policy(),
                run.outcomes().size(),
                routed,
                ratio(co2e, routed),
                ratio(onTime, routed),
                ratio(cost, routed),
                ratio(split, routed),
                ratio(unitsAllocated, unitsOrdered),
                ratio(air, shipments),
                ratio(parcels, routed),
                ratio(airKg, routed),
                ratio(roadKg, routed),
                ratio(avoided, routed));
    }

    /** This policy's change against another's, in % of the other's: (this - other) / other. */
    public static double change(double value, double other) {
        return other == 0 ? Double.NaN : 100.0 * (value - other) / other;
    }

    /**
     * The side-by-side table: one column per policy, one row per figure, with the change of CO2e
     * and cost against the cost-only column.
     */
    public static String markdown(List<PolicyFigures> figures) {
        PolicyFigures costOnly =
                figures.stream()
                        .filter(f -> f.policy() == Policy.COST_ONLY)
                        .findFirst()
                        .orElseThrow();
        StringBuilder md = new StringBuilder("| figure |");
        StringBuilder rule = new StringBuilder("|---|");
        for (PolicyFigures f : figures) {
            md.append(' ').append(f.policy().label).append(" |");
            rule.append("---:|");
        }
        md.append('\n').append(rule).append('\n');
        row(md, "orders (routed)", figures, f -> fmt("%,d (%,d)", f.orders(), f.routedOrders()));
        row(md, "kg CO2e per routed order", figures, f -> fmt("%.4f", f.co2eKgPerOrder()));
        row(
                md,
                "CO2e vs cost-only",
                figures,
                f -> percent(f.co2eKgPerOrder(), costOnly.co2eKgPerOrder()));
        row(md, "on time against the promise", figures, f -> fmt("%.2f%%", 100 * f.onTimeShare()));
        row(md, "cost per routed order", figures, f -> fmt("%.3f", f.costPerOrder()));
        row(
                md,
                "cost vs cost-only",
                figures,
                f -> percent(f.costPerOrder(), costOnly.costPerOrder()));
        row(md, "split rate", figures, f -> fmt("%.2f%%", 100 * f.splitRate()));
        row(md, "units filled", figures, f -> fmt("%.2f%%", 100 * f.unitsFilled()));
        row(md, "shipments by air", figures, f -> fmt("%.2f%%", 100 * f.airShare()));
        row(
                md,
                "kg CO2e per routed order: last-mile parcels",
                figures,
                f -> fmt("%.4f", f.parcelKgPerOrder()));
        row(md, "kg CO2e per routed order: air legs", figures, f -> fmt("%.4f", f.airKgPerOrder()));
        row(
                md,
                "kg CO2e per routed order: road legs",
                figures,
                f -> fmt("%.4f", f.roadKgPerOrder()));
        row(
                md,
                "kg CO2e avoided per routed order (vs its own baseline)",
                figures,
                f -> fmt("%.4f", f.avoidedKgPerOrder()));
        return md.toString();
    }

    private static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }

    private static String percent(double value, double costOnly) {
        double change = change(value, costOnly);
        return Double.isNaN(change) ? "n/a" : fmt("%+.1f%%", change);
    }

    private static void row(
            StringBuilder md,
            String name,
            List<PolicyFigures> figures,
            Function<PolicyFigures, String> cell) {
        md.append("| ").append(name).append(" |");
        for (PolicyFigures f : figures) {
            md.append(' ').append(cell.apply(f)).append(" |");
        }
        md.append('\n');
    }

    private static double ratio(double part, double whole) {
        return whole == 0 ? 0.0 : part / whole;
    }
}
