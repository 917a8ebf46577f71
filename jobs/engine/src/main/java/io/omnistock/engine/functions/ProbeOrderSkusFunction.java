package io.omnistock.engine.functions;

import io.omnistock.avro.OrderLine;
import io.omnistock.avro.OrderRequest;
import io.omnistock.avro.QuoteRequest;
import io.omnistock.domain.orders.OrderRouting;
import io.omnistock.ledger.domain.StockRequest;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.apache.flink.streaming.api.functions.co.BroadcastProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Asks the ledger for the ATP of every SKU of each order: one PROBE per SKU, keyed by SKU
 * downstream; the answers meet the order at routing. With the single-SKU fast path, an order of one
 * SKU is sent instead as one ROUTE request carrying the order, which the SKU's ledger plans,
 * reserves and answers in one step. A quote request is probed the same way (a QUOTE probe, keyed at
 * routing by the request's event id); lifecycle events need no stock.
 *
 * <p>While a sourcing rule set is in force (broadcast from routing.rules), every order probes: the
 * rules are applied by routing, so the fast path, which plans in the ledger under the job's
 * options, is not taken (docs/concepts/sourcing-rules.md).
 */
public class ProbeOrderSkusFunction
        extends BroadcastProcessFunction<SourcedEvent, RoutingReference, SourcedEvent> {
    private static final long serialVersionUID = 1L;

    private final boolean singleSkuFastPath;

    /** Every order probes (the loop through Kafka for all). */
    public ProbeOrderSkusFunction() {
        this(false);
    }

    public ProbeOrderSkusFunction(boolean singleSkuFastPath) {
        this.singleSkuFastPath = singleSkuFastPath;
    }

    @Override
    public void processElement(SourcedEvent in, ReadOnlyContext ctx, Collector<SourcedEvent> out)
            throws Exception {
        boolean rulesInForce =
                ctx.getBroadcastState(RouteOrderFunction.SOURCING_RULES)
                                .get(ParseSourcingRulesFunction.RULE_SET_ID)
                        != null;
        probe(in, singleSkuFastPath && !rulesInForce, out);
    }

    @Override
    public void processBroadcastElement(
            RoutingReference reference, Context ctx, Collector<SourcedEvent> out) throws Exception {
        if (reference.rules != null) {
            ctx.getBroadcastState(RouteOrderFunction.SOURCING_RULES)
                    .put(reference.rules.ruleSetId, reference.rules);
        }
    }

    private void probe(SourcedEvent in, boolean fastPath, Collector<SourcedEvent> out) {
        if (in.quote != null) {
            QuoteRequest quote = in.quote;
            probe(
                    quote.getEventId(),
                    quote.getEventTime(),
                    quote.getEventId(),
                    quote.getLines(),
                    StockRequest.Action.QUOTE,
                    quote.getChannel(),
                    out);
        } else if (in.order != null) {
            OrderRequest order = in.order;
            Set<String> skus = OrderRouting.skusOf(order.getLines());
            if (fastPath && skus.size() == 1) {
                SourcedEvent route =
                        SourcedEvent.of(
                                new StockRequest(
                                        order.getEventId(),
                                        order.getEventTime().toEpochMilli(),
                                        order.getOrderId(),
                                        skus.iterator().next(),
                                        StockRequest.Action.ROUTE,
                                        0));
                route.order = order; // the ledger plans it
                out.collect(route);
                return;
            }
            probe(
                    order.getEventId(),
                    order.getEventTime(),
                    order.getOrderId(),
                    order.getLines(),
                    StockRequest.Action.PROBE,
                    order.getChannel(),
                    out);
        }
    }

    /** One request per SKU of the lines, answered to {@code orderId} (routing's key). */
    private static void probe(
            String requestId,
            Instant time,
            String orderId,
            List<OrderLine> lines,
            StockRequest.Action action,
            String channel,
            Collector<SourcedEvent> out) {
        for (String sku : OrderRouting.skusOf(lines)) {
            StockRequest probe =
                    new StockRequest(requestId, time.toEpochMilli(), orderId, sku, action, 0);
            probe.channel = channel; // its answer is bounded by the channel's ATS
            out.collect(SourcedEvent.of(probe));
        }
    }
}
