package io.omnistock.ledger.functions;

import io.omnistock.avro.OrderRequest;
import io.omnistock.ledger.domain.StockRequest;
import io.omnistock.ledger.domain.orders.OrderRouting;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;

/**
 * Asks the ledger for the ATP of every SKU of each order: one PROBE per SKU, keyed by SKU
 * downstream; the answers meet the order at routing. Lifecycle events need no stock.
 */
public class ProbeOrderSkusFunction implements FlatMapFunction<SourcedEvent, SourcedEvent> {
    private static final long serialVersionUID = 1L;

    @Override
    public void flatMap(SourcedEvent in, Collector<SourcedEvent> out) {
        OrderRequest order = in.order;
        if (order == null) {
            return;
        }
        for (String sku : OrderRouting.skusOf(order)) {
            out.collect(
                    SourcedEvent.of(
                            new StockRequest(
                                    order.getEventId(),
                                    order.getEventTime().toEpochMilli(),
                                    order.getOrderId(),
                                    sku,
                                    StockRequest.Action.PROBE,
                                    0)));
        }
    }
}
