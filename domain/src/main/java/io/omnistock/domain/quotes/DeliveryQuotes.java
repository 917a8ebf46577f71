package io.omnistock.domain.quotes;

import io.omnistock.avro.OrderLine;
import io.omnistock.avro.QuoteError;
import io.omnistock.avro.QuoteRequest;
import io.omnistock.avro.QuoteResponse;
import io.omnistock.avro.QuoteStatus;
import io.omnistock.domain.network.NodeGroups;
import io.omnistock.domain.orders.OrderRouting;
import io.omnistock.domain.planning.GeoPoint;
import io.omnistock.domain.planning.PlannedLine;
import io.omnistock.domain.sourcing.SourcingRules;
import io.omnistock.ledger.domain.NodeUnits;
import io.omnistock.ledger.domain.StockReply;
import io.omnistock.ledger.domain.orders.SkuStock;
import io.omnistock.ledger.domain.quotes.QuoteState;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Answers delivery-options quotes, one request at a time: the request probes the ledger for every
 * SKU of its cart like an order does (reserving nothing); when every answer is in, {@link
 * DeliveryOptions} plans the options on that stock and routing's capacity view, and exactly one
 * response goes out: the options, UNAVAILABLE, or an error with a reason. Plain Java: the Flink
 * function keeps {@link QuoteState} and forgets it once the response is out and the last probe
 * answered, or when the quote's timeout fires.
 */
public final class DeliveryQuotes implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Where responses go. */
    public interface Output {
        void response(QuoteResponse response);
    }

    private final DeliveryOptions options;
    private final QuoteValidator validator;

    public DeliveryQuotes(DeliveryOptions options, QuoteValidator validator) {
        this.options = options;
        this.validator = validator;
    }

    /** A request arrived. Returns whether the state may be forgotten. */
    public boolean onQuote(QuoteRequest quote, QuoteState s, OrderRouting.Network net, Output out) {
        if (s.quote != null) {
            return isDone(s); // a redelivered copy of the request in flight: answered once
        }
        s.quote = quote;
        s.awaiting.addAll(OrderRouting.skusOf(quote.getLines()));
        QuoteRejection rejection =
                validator.validate(quote, net.nowMillis(), net::node, net.nodes());
        if (rejection != null) {
            s.answered = true;
            out.response(error(quote, rejection.reason(), rejection.message()));
        }
        List<StockReply> early = new ArrayList<>(s.early);
        s.early.clear();
        for (StockReply reply : early) {
            onReply(reply, s, net, out);
        }
        return isDone(s);
    }

    /** The ledger answered a probe. Returns whether the state may be forgotten. */
    public boolean onReply(StockReply reply, QuoteState s, OrderRouting.Network net, Output out) {
        if (s.quote == null) {
            s.early.add(reply);
            return false;
        }
        if (!reply.requestId.equals(s.quote.getEventId()) || !s.awaiting.remove(reply.sku)) {
            return isDone(s);
        }
        if (!s.answered) {
            s.stock.add(
                    new SkuStock(reply.sku, reply.knownSku, reply.units, reply.inbound)
                            .categorised(reply.category));
            if (s.awaiting.isEmpty()) {
                s.answered = true;
                out.response(answer(s, net));
            }
        }
        return isDone(s);
    }

    /**
     * The quote's timeout: a request whose stock never came is answered TIMED_OUT. The state may be
     * forgotten afterwards whatever it holds.
     */
    public void onTimeout(QuoteState s, Output out) {
        if (s.quote != null && !s.answered) {
            s.answered = true;
            out.response(
                    error(
                            s.quote,
                            QuoteError.TIMED_OUT,
                            "no stock answer for " + String.join(",", s.awaiting)));
        }
    }

    private static boolean isDone(QuoteState s) {
        return s.answered && s.awaiting.isEmpty() && s.early.isEmpty();
    }

    private QuoteResponse answer(QuoteState s, OrderRouting.Network net) {
        QuoteRequest quote = s.quote;
        for (SkuStock stock : s.stock) {
            if (!stock.known) {
                return error(quote, QuoteError.UNKNOWN_SKU, "unknown SKU " + stock.sku);
            }
        }
        List<PlannedLine> lines = merged(quote.getLines());
        GeoPoint destination =
                quote.getDestinationLatitude() == null || quote.getDestinationLongitude() == null
                        ? null
                        : new GeoPoint(
                                quote.getDestinationLatitude(), quote.getDestinationLongitude());
        String pickup = quote.getPickupNodeId();
        DeliveryOptions.Cart cart =
                new DeliveryOptions.Cart(
                        quote.getRequestId(),
                        quote.getEventTime().toEpochMilli(),
                        quote.getChannel(),
                        lines,
                        destination,
                        pickup == null || pickup.isBlank() ? null : pickup,
                        quote.getPreference(),
                        NodeGroups.named(quote.getNodeGroup()));
        SourcingRules rules = net.sourcing() == null ? options.jobOptions() : net.sourcing();
        Map<String, Map<String, Long>> atp = new HashMap<>();
        for (SkuStock stock : s.stock) {
            Map<String, Long> byNode = new HashMap<>();
            for (NodeUnits units : stock.atp) {
                byNode.put(units.nodeId, units.units);
            }
            atp.put(stock.sku, byNode);
        }
        var built =
                options.build(
                        cart,
                        rules,
                        quote.getRegion(),
                        quote.getOrderValue(),
                        s.stock.stream().map(stock -> stock.category).toList(),
                        net.nodes(),
                        (sku, nodeId) -> {
                            Map<String, Long> byNode = atp.get(sku);
                            Long units = byNode == null ? null : byNode.get(nodeId);
                            return units == null ? 0 : units;
                        },
                        net.capacity());
        int units = 0;
        for (var line : lines) {
            units += line.quantity();
        }
        Long preOrderFrom = built.isEmpty() ? PreOrders.from(lines, s.stock) : null;
        return base(quote)
                .setStatus(built.isEmpty() ? QuoteStatus.UNAVAILABLE : QuoteStatus.OK)
                .setUnitsQuoted(units)
                .setOptions(built)
                .setPreOrderFrom(preOrderFrom == null ? null : Instant.ofEpochMilli(preOrderFrom))
                .setRuleSetVersion(rules.version())
                .build();
    }

    /** The lines with one per SKU, in first-seen order (as routing merges an order's). */
    static List<PlannedLine> merged(List<OrderLine> lines) {
        Map<String, Integer> units = new LinkedHashMap<>();
        for (OrderLine line : lines) {
            units.merge(line.getSku(), line.getQuantity(), Integer::sum);
        }
        List<PlannedLine> merged = new ArrayList<>();
        units.forEach((sku, qty) -> merged.add(new PlannedLine(sku, qty)));
        return merged;
    }

    static QuoteResponse error(QuoteRequest quote, QuoteError reason, String message) {
        return base(quote)
                .setStatus(QuoteStatus.ERROR)
                .setErrorReason(reason)
                .setErrorMessage(message)
                .build();
    }

    private static QuoteResponse.Builder base(QuoteRequest quote) {
        return QuoteResponse.newBuilder()
                .setEventId(quote.getEventId() + "#quote")
                .setEventTime(Instant.ofEpochMilli(quote.getEventTime().toEpochMilli()))
                .setRequestId(quote.getRequestId())
                .setRequestEventId(quote.getEventId())
                .setChannel(quote.getChannel() == null ? "" : quote.getChannel())
                .setOptions(new ArrayList<>());
    }
}
