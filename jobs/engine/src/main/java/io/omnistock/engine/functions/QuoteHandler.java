package io.omnistock.engine.functions;

import io.omnistock.domain.quotes.DeliveryQuotes;
import io.omnistock.ledger.domain.StockReply;
import io.omnistock.ledger.domain.quotes.QuoteState;
import org.apache.flink.api.common.state.ValueState;

/**
 * The quotes role of {@link RouteOrderFunction}, keyed by the request's event id: delivery-options
 * quotes and the ledger's QUOTED replies, under {@link DeliveryQuotes}' rules. A quote's state
 * lives until its response is out and its last probe answered; a processing-time timer answers
 * (TIMED_OUT) and forgets a quote left waiting. Only quotes use processing-time timers.
 */
final class QuoteHandler {
    private final DeliveryQuotes quoting;
    private final long timeoutMillis;
    private final ValueState<QuoteState> quotes;
    private final RoutingNetworkState network;
    private final QuoteResponseOutput output = new QuoteResponseOutput();
    private final LedgerMetrics.Count processed;

    QuoteHandler(
            DeliveryQuotes quoting,
            long timeoutMillis,
            ValueState<QuoteState> quotes,
            RoutingNetworkState network,
            LedgerMetrics.Count processed) {
        this.quoting = quoting;
        this.timeoutMillis = timeoutMillis;
        this.quotes = quotes;
        this.network = network;
        this.processed = processed;
    }

    /** Whether a record is this handler's: a quote request or the ledger's answer to one. */
    static boolean handles(SourcedEvent in) {
        return in.quote != null || (in.reply != null && in.reply.kind == StockReply.Kind.QUOTED);
    }

    void onRecord(SourcedEvent in, RouteOrderFunction.ReadOnlyContext ctx) throws Exception {
        QuoteState s = quotes.value();
        if (s == null) {
            s = new QuoteState();
        }
        long quoteTime =
                in.quote != null
                        ? in.quote.getEventTime().toEpochMilli()
                        : s.quote != null
                                ? s.quote.getEventTime().toEpochMilli()
                                : in.reply.eventTime;
        network.bind(ctx.getBroadcastState(ApplyInventoryEventFunction.NODES), quoteTime);
        output.bind(ctx);
        boolean done;
        if (in.quote != null) {
            processed.inc();
            done = quoting.onQuote(in.quote, s, network, output);
        } else {
            done = quoting.onReply(in.reply, s, network, output);
        }
        if (done) {
            if (s.timeoutAt != 0) {
                ctx.timerService().deleteProcessingTimeTimer(s.timeoutAt);
            }
            quotes.clear();
        } else {
            if (s.timeoutAt == 0) {
                s.timeoutAt = ctx.timerService().currentProcessingTime() + timeoutMillis;
                ctx.timerService().registerProcessingTimeTimer(s.timeoutAt);
            }
            quotes.update(s);
        }
    }

    /** A quote left waiting: answered TIMED_OUT and forgotten. */
    void onTimeout(RouteOrderFunction.OnTimerContext ctx) throws Exception {
        QuoteState q = quotes.value();
        if (q != null) {
            output.bind(ctx);
            quoting.onTimeout(q, output);
            quotes.clear();
        }
    }
}
