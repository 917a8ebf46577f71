package io.omnistock.bench.ledger;

import io.omnistock.avro.ReturnDisposition;
import io.omnistock.domain.inventory.AvailabilityChange;
import io.omnistock.domain.inventory.CountDiscrepancy;
import io.omnistock.domain.inventory.GroupTotals;
import io.omnistock.domain.inventory.InventoryEvent;
import io.omnistock.domain.inventory.JournalEntry;
import io.omnistock.domain.inventory.NetworkTotals;
import io.omnistock.domain.inventory.ProjectedStockout;
import io.omnistock.domain.inventory.Rejection;
import io.omnistock.domain.inventory.SkuLedger;
import io.omnistock.domain.inventory.StockAlert;
import io.omnistock.ledger.domain.NodeInfo;
import io.omnistock.ledger.domain.StockReply;

/** Counts the ledger's facts instead of publishing them. */
public final class CountingOutput implements SkuLedger.Output {
    public long availability;
    public long network;
    public long groups;
    public long discrepancies;
    public long countsCompared;
    public long alerts;
    public long rejected;
    public long replies;
    public long returns;
    public long movements;

    @Override
    public void availability(AvailabilityChange change) {
        availability++;
    }

    @Override
    public void network(String sku, NetworkTotals totals, long eventTime) {
        network++;
    }

    @Override
    public void group(
            String sku, String group, GroupTotals.Figures figures, long changes, long eventTime) {
        groups++;
    }

    @Override
    public void discrepancy(CountDiscrepancy discrepancy) {
        discrepancies++;
    }

    @Override
    public void countCompared(InventoryEvent count, NodeInfo node, long expected, boolean matched) {
        countsCompared++;
    }

    @Override
    public void alert(StockAlert alert) {
        alerts++;
    }

    @Override
    public void projectedStockout(ProjectedStockout stockout) {
        alerts++;
    }

    @Override
    public void rejected(InventoryEvent event, Rejection rejection) {
        rejected++;
    }

    @Override
    public void reply(StockReply reply) {
        replies++;
    }

    @Override
    public void returned(ReturnDisposition disposition) {
        returns++;
    }

    @Override
    public void movement(JournalEntry entry) {
        movements++;
    }
}
