package io.omnistock.ledger.domain.quotes;

import io.omnistock.avro.QuoteRequest;
import io.omnistock.ledger.domain.StockReply;
import io.omnistock.ledger.domain.orders.SkuStock;
import java.util.ArrayList;
import java.util.List;

/** One quote in flight, keyed by the request's event id. A Flink POJO; cleared once answered. */
public class QuoteState {
    /** Null until the request arrives (a stock answer may come first). */
    public QuoteRequest quote;

    /** The response is out; the state waits only for the probes still on their way. */
    public boolean answered;

    /** SKUs whose stock answer has not come yet. */
    public List<String> awaiting = new ArrayList<>();

    public List<SkuStock> stock = new ArrayList<>();

    /** Processing time of the quote's timeout timer; 0 when none is set. */
    public long timeoutAt;

    /** Stock answers that came before the request. */
    public List<StockReply> early = new ArrayList<>();

    public QuoteState() {}
}
