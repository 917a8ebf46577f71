package io.omnistock.domain.whatif;

import io.omnistock.domain.sourcing.SourcingAction;
import io.omnistock.domain.whatif.WhatIf.Outcome;
import io.omnistock.domain.whatif.WhatIf.Run;
import java.util.List;
import java.util.Locale;

/**
 * What one rule set's run adds up to. Per routed order (an order with at least one unit allocated):
 * kg CO2e, cost, the share whose last shipment arrives by the promise, the share split over more
 * than one shipment. Over every order: the share of units allocated (fill rate) and how many orders
 * a rule rejected, backordered or held.
 */
public record WhatIfFigures(
        String label,
        int orders,
        int routed,
        double co2eKgPerOrder,
        double costPerOrder,
        double onTimeShare,
        double splitRate,
        double fillRate,
        int rejected,
        int backorderedByRule,
        int held) {

    public static WhatIfFigures of(Run run) {
        int routed = 0;
        int onTime = 0;
        int split = 0;
        long ordered = 0;
        long allocated = 0;
        double co2e = 0;
        double cost = 0;
        int rejected = 0;
        int backordered = 0;
        int held = 0;
        for (Outcome o : run.outcomes()) {
            ordered += o.unitsOrdered();
            allocated += o.unitsAllocated();
            if (o.action() == SourcingAction.REJECT) {
                rejected++;
            } else if (o.action() == SourcingAction.BACKORDER) {
                backordered++;
            } else if (o.action() == SourcingAction.HOLD_FOR_REVIEW) {
                held++;
            }
            if (o.routed()) {
                routed++;
                co2e += o.plan().co2eKg();
                cost += o.plan().cost();
                if (o.plan().latestEta() <= o.promiseBy()) {
                    onTime++;
                }
                if (o.plan().shipmentCount() > 1) {
                    split++;
                }
            }
        }
        return new WhatIfFigures(
                run.label() + (run.version() == null ? "" : " (v" + run.version() + ")"),
                run.outcomes().size(),
                routed,
                per(co2e, routed),
                per(cost, routed),
                per(onTime, routed),
                per(split, routed),
                ordered == 0 ? 0 : (double) allocated / ordered,
                rejected,
                backordered,
                held);
    }

    private static double per(double sum, int count) {
        return count == 0 ? 0 : sum / count;
    }

    /** The two runs side by side, then the first {@code listed} orders decided otherwise. */
    public static String report(Run current, Run draft, int listed) {
        WhatIfFigures a = of(current);
        WhatIfFigures b = of(draft);
        StringBuilder out = new StringBuilder();
        out.append("| figure | ").append(a.label()).append(" | ").append(b.label());
        out.append(" | change |\n|---|---:|---:|---:|\n");
        row(out, "orders", a.orders(), b.orders(), "%.0f");
        row(out, "routed orders", a.routed(), b.routed(), "%.0f");
        row(out, "kg CO2e per routed order", a.co2eKgPerOrder(), b.co2eKgPerOrder(), "%.3f");
        row(out, "cost per routed order", a.costPerOrder(), b.costPerOrder(), "%.2f");
        row(out, "on time against the promise", a.onTimeShare(), b.onTimeShare(), "%.3f");
        row(out, "split rate", a.splitRate(), b.splitRate(), "%.3f");
        row(out, "fill rate (units)", a.fillRate(), b.fillRate(), "%.3f");
        row(out, "rejected by a rule", a.rejected(), b.rejected(), "%.0f");
        row(out, "backordered by a rule", a.backorderedByRule(), b.backorderedByRule(), "%.0f");
        row(out, "held for review", a.held(), b.held(), "%.0f");
        List<Outcome[]> changed = WhatIf.changed(current, draft);
        out.append("\nOrders decided otherwise: ")
                .append(changed.size())
                .append(changed.size() > listed ? " (the first " + listed + ")" : "")
                .append('\n');
        if (!changed.isEmpty()) {
            out.append("\n| order | ").append(a.label()).append(" | ").append(b.label());
            out.append(" |\n|---|---|---|\n");
            for (Outcome[] pair : changed.subList(0, Math.min(listed, changed.size()))) {
                out.append("| ")
                        .append(pair[0].orderId())
                        .append(" | ")
                        .append(pair[0].summary())
                        .append(" | ")
                        .append(pair[1].summary())
                        .append(" |\n");
            }
        }
        return out.toString();
    }

    private static void row(StringBuilder out, String name, double a, double b, String format) {
        String change =
                a == b
                        ? "="
                        : a == 0
                                ? "new"
                                : String.format(Locale.ROOT, "%+.1f%%", 100.0 * (b - a) / a);
        out.append("| ")
                .append(name)
                .append(" | ")
                .append(String.format(Locale.ROOT, format, a))
                .append(" | ")
                .append(String.format(Locale.ROOT, format, b))
                .append(" | ")
                .append(change)
                .append(" |\n");
    }
}
