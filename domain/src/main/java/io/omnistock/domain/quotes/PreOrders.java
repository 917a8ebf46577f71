package io.omnistock.domain.quotes;

import io.omnistock.domain.planning.PlannedLine;
import io.omnistock.ledger.domain.InboundUnits;
import io.omnistock.ledger.domain.NodeUnits;
import io.omnistock.ledger.domain.orders.SkuStock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The pre-order option of a cart no delivery option can fill (docs/concepts/inbound-promises.md):
 * the earliest ETA by which every line is covered by the SKU's ATP now plus the inbound units no
 * order was promised yet (what the ledger answered the quote's probes with). Network-wide: it says
 * when the units are there, not which node ships them. Plain Java.
 */
final class PreOrders {
    private PreOrders() {}

    /** The pre-order date of {@code lines} on {@code stock}, or null when inbound cannot cover. */
    static Long from(List<PlannedLine> lines, List<SkuStock> stock) {
        long latest = Long.MIN_VALUE;
        for (PlannedLine line : lines) {
            SkuStock s = stockOf(stock, line.sku());
            if (s == null) {
                return null;
            }
            long have = 0;
            for (NodeUnits u : s.atp) {
                have += u.units;
            }
            if (have >= line.quantity()) {
                continue;
            }
            List<InboundUnits> byEta = new ArrayList<>(s.inbound == null ? List.of() : s.inbound);
            byEta.sort(Comparator.comparingLong(u -> u.eta));
            Long coveredAt = null;
            for (InboundUnits u : byEta) {
                have += u.units;
                if (have >= line.quantity()) {
                    coveredAt = u.eta;
                    break;
                }
            }
            if (coveredAt == null) {
                return null;
            }
            latest = Math.max(latest, coveredAt);
        }
        return latest == Long.MIN_VALUE ? null : latest;
    }

    private static SkuStock stockOf(List<SkuStock> stock, String sku) {
        for (SkuStock s : stock) {
            if (s.sku.equals(sku)) {
                return s;
            }
        }
        return null;
    }
}
