package io.omnistock.bench.ledger;

import io.omnistock.avro.AlertType;
import io.omnistock.avro.ReturnDisposition;
import io.omnistock.avro.SourceSystem;
import io.omnistock.domain.forecast.Forecast;
import io.omnistock.domain.inventory.InventoryEvent;
import io.omnistock.domain.inventory.NetworkTotals;
import io.omnistock.domain.inventory.Position;
import io.omnistock.domain.inventory.Rejection;
import io.omnistock.domain.inventory.SkuLedger;
import io.omnistock.ledger.domain.NodeInfo;
import io.omnistock.ledger.domain.StockReply;

/** Counts the ledger's facts instead of publishing them. */
public final class CountingOutput implements SkuLedger.Output {
    public long availability;
    public long network;
    public long discrepancies;
    public long countsCompared;
    public long alerts;
    public long rejected;
    public long replies;
    public long returns;

    @Override
    public void availability(
            String sku,
            String nodeId,
            Position position,
            NodeInfo node,
            long eventTime,
            SourceSystem source,
            String causeEventId,
            Forecast forecast) {
        availability++;
    }

    @Override
    public void network(String sku, NetworkTotals totals, long eventTime) {
        network++;
    }

    @Override
    public void discrepancy(
            String sku, String nodeId, long expected, long counted, InventoryEvent count) {
        discrepancies++;
    }

    @Override
    public void countCompared(InventoryEvent count, NodeInfo node, boolean matched) {
        countsCompared++;
    }

    @Override
    public void alert(
            String sku,
            String nodeId,
            AlertType type,
            long previousAtp,
            long atp,
            long threshold,
            long eventTime,
            long version) {
        alerts++;
    }

    @Override
    public void projectedStockout(
            String sku,
            String nodeId,
            long atp,
            Forecast forecast,
            long leadTimeMillis,
            long eventTime,
            long version) {
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
}
