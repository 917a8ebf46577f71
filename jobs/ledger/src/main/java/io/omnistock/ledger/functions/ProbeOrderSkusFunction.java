package io.omnistock.ledger.functions;

import io.omnistock.avro.OrderRequest;
import io.omnistock.avro.QuoteRequest;
import io.omnistock.ledger.domain.StockRequest;
import io.omnistock.ledger.domain.orders.OrderRouting;
import io.omnistock.ledger.domain.quotes.DeliveryQuotes;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;

/**
 * Asks the ledger for the ATP of every SKU of each order: one PROBE per SKU, keyed by SKU
 * downstream; the answers meet the order at routing. A quote request is probed the same way (a
 * QUOTE probe, keyed at routing by the request's event id); lifecycle events need no stock.
 */
public class ProbeOrderSkusFunction implements FlatMapFunction<SourcedEvent, SourcedEvent> {
    private static final long serialVersionUID = 1L;

    @Override
    public void flatMap(SourcedEvent in, Collector<SourcedEvent> out) {
        QuoteRequest quote = in.quote;
        if (quote != null) {
            for (String sku : DeliveryQuotes.skusOf(quote)) {
                out.collect(
                        SourcedEvent.of(
                                new StockRequest(
                                        quote.getEventId(),
                                        quote.getEventTime().toEpochMilli(),
                                        quote.getEventId(),
                                        sku,
                                        StockRequest.Action.QUOTE,
                                        0)));
            }
            return;
        }
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
