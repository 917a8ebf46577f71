package io.omnistock.engine.functions;

import io.omnistock.avro.QuoteResponse;
import io.omnistock.domain.quotes.DeliveryQuotes;

/** The output adapter of quoting: sends quote responses to their side output. */
final class QuoteResponseOutput implements DeliveryQuotes.Output {
    private RouteOrderFunction.ReadOnlyContext ctx;

    void bind(RouteOrderFunction.ReadOnlyContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void response(QuoteResponse response) {
        ctx.output(LedgerOutputs.QUOTE_RESPONSES, response);
    }
}
