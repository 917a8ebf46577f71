package io.omnistock.bench.e2e;

import io.omnistock.avro.OrderRequest;
import io.omnistock.avro.PosEvent;
import io.omnistock.avro.QuoteRequest;
import io.omnistock.avro.ThreePlEvent;
import io.omnistock.avro.WmsEvent;
import io.omnistock.contracts.AvroCodec;
import io.omnistock.contracts.DecodeException;
import io.omnistock.contracts.Topics;
import io.omnistock.generator.GeneratedRecord;
import io.omnistock.generator.NetworkConfig;
import io.omnistock.generator.OrderGenerator;
import io.omnistock.generator.QuoteGenerator;
import io.omnistock.generator.RetailEventGenerator;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The demo's stream, as {@code DemoMain} drives the generator: the inventory stream interleaved
 * with customer orders, their lifecycle (cancels, shipments, pick-ups, graded returns) and a quote
 * before each order, every record in arrival order, duplicates and malformed records included. Each
 * record comes with what its answer will name: an inventory event's id ({@code
 * Availability.lastEventId}), an order's id ({@code RoutingDecision.orderId}) or a quote's event id
 * ({@code QuoteResponse.requestEventId}). Every record taken is kept, so that another job can be
 * given the same records ({@link #rewind}). Not thread-safe, and neither is the generator: one feed
 * at a time.
 */
final class MixedFeed {
    /**
     * Published before anything is measured: the opening hour (the generator counts every position)
     * and the next four, which bring each 3PL's first snapshot (5,000 records in a burst, 1 to 4 h
     * after its as-of time).
     */
    static final Duration PRELOAD = Duration.ofHours(5);

    /** As the demo: a week of simulated history (a little more here) that ends now. */
    private static final Duration SIMULATED_HISTORY = Duration.ofDays(7);

    /**
     * Time of day (UTC) the simulated stream starts: after the {@link #PRELOAD} comes the network's
     * afternoon and evening (12:00 UTC on), with 4.1% orders in their first 60,000 records (4.0%
     * over a whole day).
     */
    static final Duration START_OF_DAY = Duration.ofHours(7);

    /** As the demo: share of delivered orders some of whose lines come back, graded. */
    private static final double ORDER_RETURN_RATE = 0.10;

    /** What the answer to a record is matched by. */
    enum Kind {
        /** A valid inventory event: its availability records name its event id. */
        INVENTORY,
        /** A valid order: its decisions name its order id. */
        ORDER,
        /** A valid quote request: its response names the request's event id. */
        QUOTE,
        /** Node records, lifecycle events, duplicates and malformed records: not timed. */
        OTHER
    }

    /** One record to publish, with the id its answer names (null for {@link Kind#OTHER}). */
    record Item(GeneratedRecord record, Kind kind, String id) {
        /** An order, its lifecycle or a quote (the rest are inventory and node records). */
        boolean isOrderTraffic() {
            String topic = record.topic();
            return topic.equals(Topics.ORDER_REQUESTS.name())
                    || topic.equals(Topics.ORDER_LIFECYCLE.name())
                    || topic.equals(Topics.QUOTE_REQUESTS.name());
        }
    }

    private final Iterator<GeneratedRecord> records;
    private final List<GeneratedRecord> nodes = new ArrayList<>();
    private final List<GeneratedRecord> preload = new ArrayList<>();
    private final AvroCodec<PosEvent> pos = Topics.POS.codec();
    private final AvroCodec<WmsEvent> wms = Topics.WMS.codec();
    private final AvroCodec<ThreePlEvent> threePl = Topics.THREE_PL.codec();
    private final AvroCodec<OrderRequest> orders = Topics.ORDER_REQUESTS.codec();
    private final AvroCodec<QuoteRequest> quotes = Topics.QUOTE_REQUESTS.codec();
    private final List<Item> taken = new ArrayList<>();
    private int cursor;
    private GeneratedRecord first;

    /**
     * Builds the network and simulates its {@link #PRELOAD} (about 152,000 records on the default
     * network, 124,000 of them the opening count of every position), which it keeps.
     */
    MixedFeed(NetworkConfig config) {
        records =
                OrderGenerator.interleave(
                        RetailEventGenerator.stream(config),
                        QuoteGenerator.withQuotes(OrderGenerator.stream(config)));
        long preloadEnd = config.start().plus(PRELOAD).toEpochMilli();
        boolean inNodes = true;
        while (first == null && records.hasNext()) {
            GeneratedRecord r = records.next();
            inNodes &=
                    r.topic().equals(Topics.NODES.name()) && r.kind() == GeneratedRecord.Kind.VALID;
            if (inNodes) {
                nodes.add(r);
            } else if (r.timestamp() < preloadEnd) {
                preload.add(r);
            } else {
                first = r;
            }
        }
    }

    /**
     * The demo's network: the generator's defaults (50 stores, 3 DCs, 2 3PLs, 5,000 SKUs, seed 42,
     * 4 orders per store per hour, 1% duplicates, 0.1% malformed records) and 10% of delivered
     * orders returned, as {@code DemoMain.networkConfig}. Unlike the demo's, the simulated time
     * starts at a fixed time of day, {@link #START_OF_DAY} UTC a week ago or more, so that the
     * records after the preload (orders and sales follow the time of day) are the same whenever the
     * benchmark runs; it ends now, so nothing is in the future.
     */
    static NetworkConfig demoNetwork() {
        Instant now = Instant.now();
        Instant start =
                now.truncatedTo(ChronoUnit.DAYS)
                        .minus(SIMULATED_HISTORY)
                        .minus(Duration.ofDays(1))
                        .plus(START_OF_DAY);
        return NetworkConfig.builder()
                .orderReturnRate(ORDER_RETURN_RATE)
                .start(start)
                .duration(Duration.between(start, now))
                .build();
    }

    /** The network's node records, which come first. */
    List<GeneratedRecord> nodes() {
        return nodes;
    }

    /** The records of the {@link #PRELOAD}, after the node records. */
    List<GeneratedRecord> preload() {
        return preload;
    }

    /**
     * The next {@code count} records after the preload and those taken before (since the last
     * {@link #rewind}).
     */
    List<Item> take(long count) {
        List<Item> items = new ArrayList<>((int) count);
        for (long i = 0; i < count; i++) {
            if (cursor == taken.size()) {
                taken.add(item(generate()));
            }
            items.add(taken.get(cursor++));
        }
        return items;
    }

    /** The next {@link #take} starts again right after the preload, with the same records. */
    void rewind() {
        cursor = 0;
    }

    private GeneratedRecord generate() {
        if (first != null) {
            GeneratedRecord r = first;
            first = null;
            return r;
        }
        if (records.hasNext()) {
            return records.next();
        }
        throw new IllegalStateException("the generated stream is exhausted");
    }

    private Item item(GeneratedRecord r) {
        if (r.kind() != GeneratedRecord.Kind.VALID) {
            return new Item(r, Kind.OTHER, null);
        }
        String topic = r.topic();
        try {
            if (topic.equals(Topics.POS.name())) {
                return new Item(r, Kind.INVENTORY, pos.decode(r.value()).getEventId());
            }
            if (topic.equals(Topics.WMS.name())) {
                return new Item(r, Kind.INVENTORY, wms.decode(r.value()).getEventId());
            }
            if (topic.equals(Topics.THREE_PL.name())) {
                return new Item(r, Kind.INVENTORY, threePl.decode(r.value()).getEventId());
            }
            if (topic.equals(Topics.ORDER_REQUESTS.name())) {
                return new Item(r, Kind.ORDER, orders.decode(r.value()).getOrderId());
            }
            if (topic.equals(Topics.QUOTE_REQUESTS.name())) {
                return new Item(r, Kind.QUOTE, quotes.decode(r.value()).getEventId());
            }
        } catch (DecodeException e) {
            throw new IllegalStateException("a generated record does not decode: " + r, e);
        }
        return new Item(r, Kind.OTHER, null);
    }
}
