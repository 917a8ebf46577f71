package io.omnistock.generator;

import io.omnistock.avro.FulfilmentMethod;
import io.omnistock.avro.OrderRequest;
import io.omnistock.avro.QuoteRequest;
import io.omnistock.contracts.AvroCodec;
import io.omnistock.contracts.DecodeException;
import io.omnistock.contracts.Topics;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Delivery-options quotes for generated orders, on {@code quotes.requests} (key = request id): the
 * shopper asks for the options of the cart just before placing the order, so every valid order of
 * an order stream is preceded by a quote of the same cart, destination (or pickup store, for a
 * pickup order), channel and preference, stamped at the order's time. Deterministic: it adds
 * records to a stream and never changes the ones there.
 */
public final class QuoteGenerator {
    private static final AvroCodec<OrderRequest> ORDERS = Topics.ORDER_REQUESTS.codec();
    private static final AvroCodec<QuoteRequest> QUOTES = Topics.QUOTE_REQUESTS.codec();

    /** The quote a shopper asks before placing this order: request id {@code QT-<orderId>}. */
    public static QuoteRequest quoteFor(OrderRequest order) {
        boolean pickup =
                order.getMethod() == FulfilmentMethod.BOPIS
                        || order.getMethod() == FulfilmentMethod.CURBSIDE;
        return QuoteRequest.newBuilder()
                .setEventId("quote-" + order.getEventId())
                .setEventTime(order.getEventTime())
                .setRequestId("QT-" + order.getOrderId())
                .setChannel(order.getChannel())
                .setLines(new ArrayList<>(order.getLines()))
                .setDestinationLatitude(order.getDestinationLatitude())
                .setDestinationLongitude(order.getDestinationLongitude())
                .setPostalCode(order.getPostalCode())
                .setPickupNodeId(pickup ? order.getPickupNodeId() : null)
                .setPreference(order.getPreference())
                .setRegion(order.getRegion())
                .build();
    }

    /** The quote of a valid order request record, as a record to publish. */
    public static GeneratedRecord quoteRecord(OrderRequest order, long timestamp) {
        QuoteRequest quote = quoteFor(order);
        return new GeneratedRecord(
                Topics.QUOTE_REQUESTS.name(),
                quote.getRequestId(),
                QUOTES.encode(quote),
                timestamp,
                GeneratedRecord.Kind.VALID,
                null,
                quote.getEventTime().toEpochMilli());
    }

    /**
     * The records of {@code records} with a quote just before each valid order request (duplicates
     * and malformed orders get none). Lazy.
     */
    public static Iterator<GeneratedRecord> withQuotes(Iterator<GeneratedRecord> records) {
        return new Iterator<>() {
            private GeneratedRecord held;

            @Override
            public boolean hasNext() {
                return held != null || records.hasNext();
            }

            @Override
            public GeneratedRecord next() {
                if (held != null) {
                    GeneratedRecord order = held;
                    held = null;
                    return order;
                }
                if (!records.hasNext()) {
                    throw new NoSuchElementException();
                }
                GeneratedRecord r = records.next();
                if (r.kind() != GeneratedRecord.Kind.VALID
                        || !r.topic().equals(Topics.ORDER_REQUESTS.name())) {
                    return r;
                }
                held = r;
                try {
                    return quoteRecord(ORDERS.decode(r.value()), r.timestamp());
                } catch (DecodeException e) {
                    throw new IllegalStateException("a generated order does not decode", e);
                }
            }
        };
    }

    private QuoteGenerator() {}
}
