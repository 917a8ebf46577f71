package io.omnistock.bench.e2e;

import io.omnistock.avro.PosEvent;
import io.omnistock.avro.ThreePlEvent;
import io.omnistock.avro.ThreePlEventType;
import io.omnistock.avro.WmsEvent;
import io.omnistock.avro.WmsEventType;
import io.omnistock.contracts.AvroCodec;
import io.omnistock.contracts.DecodeException;
import io.omnistock.contracts.Topics;
import io.omnistock.generator.GeneratedRecord;
import io.omnistock.generator.NetworkConfig;
import io.omnistock.generator.RetailEventGenerator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The generated stream the benchmark publishes: the network's node records, then its stock
 * movements in arrival order (sales, returns, voids, picks, shipments, receipts, transfers,
 * adjustments, damage, ASNs), each with its event id, what {@code Availability.lastEventId} names.
 * Left out: the opening hour, when the generator counts every position (positions start empty), and
 * every later absolute count (cycle counts, 3PL snapshots): a count equal to the ledger publishes
 * nothing, and 3PL snapshots come in bursts of thousands that would make the mix of a few seconds
 * depend on where the stream is. So every event changes a published figure and gives one latency
 * sample. Valid records only. Not thread-safe.
 */
final class EventFeed {
    /** The generator's opening count of every position fills the first simulated hour. */
    static final Duration OPENING_LOAD = Duration.ofHours(1);

    /** One inventory record to publish and the id its availability records will name. */
    record Event(GeneratedRecord record, String eventId) {}

    private final Iterator<GeneratedRecord> records;
    private final List<GeneratedRecord> nodes = new ArrayList<>();
    private final AvroCodec<PosEvent> pos = Topics.POS.codec();
    private final AvroCodec<WmsEvent> wms = Topics.WMS.codec();
    private final AvroCodec<ThreePlEvent> threePl = Topics.THREE_PL.codec();
    private Event first;

    /**
     * Builds the network and simulates its opening hour, the opening count of every position (about
     * 124,000 records on the default network), which it skips: the caller's first {@link #next} is
     * as cheap as any other.
     */
    EventFeed(NetworkConfig config) {
        records = RetailEventGenerator.stream(config);
        long openingEnd = config.start().plus(OPENING_LOAD).toEpochMilli();
        while (first == null && records.hasNext()) {
            GeneratedRecord r = records.next();
            if (r.topic().equals(Topics.NODES.name())) {
                nodes.add(r);
            } else if (r.eventTime() >= openingEnd) {
                first = movement(r);
            }
        }
    }

    /** The network's node records (publish them before any event). */
    List<GeneratedRecord> nodes() {
        return nodes;
    }

    /** The next movement. */
    Event next() {
        if (first != null) {
            Event e = first;
            first = null;
            return e;
        }
        while (records.hasNext()) {
            Event e = movement(records.next());
            if (e != null) {
                return e;
            }
        }
        throw new IllegalStateException("the generated stream is exhausted");
    }

    /** {@code r} with its event id, or null for an absolute count or an invalid record. */
    private Event movement(GeneratedRecord r) {
        if (r.kind() != GeneratedRecord.Kind.VALID) {
            return null;
        }
        String topic = r.topic();
        try {
            if (topic.equals(Topics.POS.name())) {
                return new Event(r, pos.decode(r.value()).getEventId());
            }
            if (topic.equals(Topics.WMS.name())) {
                WmsEvent e = wms.decode(r.value());
                return e.getType() == WmsEventType.CYCLE_COUNT
                        ? null
                        : new Event(r, e.getEventId());
            }
            if (topic.equals(Topics.THREE_PL.name())) {
                ThreePlEvent e = threePl.decode(r.value());
                return e.getType() == ThreePlEventType.SNAPSHOT
                        ? null
                        : new Event(r, e.getEventId());
            }
        } catch (DecodeException e) {
            throw new IllegalStateException("a generated record does not decode: " + r, e);
        }
        throw new IllegalStateException("not an inventory topic: " + r);
    }
}
