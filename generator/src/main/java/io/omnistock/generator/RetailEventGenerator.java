package io.omnistock.generator;

import io.omnistock.avro.NodeRecord;
import io.omnistock.contracts.AvroCodec;
import io.omnistock.contracts.Topics;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Entry point: generates a seeded retail network's inventory events, in arrival order, with the
 * reference ledger a correct engine must match. Deterministic: the same {@link NetworkConfig} gives
 * the same bytes. Stateless and thread-safe.
 */
public final class RetailEventGenerator {

    /** A finite run over {@code config.duration()}, with its reference and statistics. */
    public static GeneratedRun generate(NetworkConfig config) {
        RetailNetwork network = RetailNetwork.build(config);
        ReferenceLedger reference = new ReferenceLedger(network.nodes());
        StatsCounter stats = new StatsCounter();
        List<GeneratedRecord> records = new ArrayList<>();
        RecordStream.open(config, network, stats, reference).forEachRemaining(records::add);
        List<GeneratedRecord> nodes = nodeRecords(network);
        return new GeneratedRun(nodes, records, reference, stats.snapshot(nodes.size()));
    }

    /**
     * A lazy stream for long demo runs: first the node records, then the inventory records in
     * arrival order, simulated as they are consumed (memory stays bounded whatever the duration; no
     * reference is kept). For an open-ended run pass a very long duration. Mind the wall clock:
     * records stamped in the future are dead-lettered by the engine and, more than an hour ahead,
     * rejected by the broker.
     */
    public static Iterator<GeneratedRecord> stream(NetworkConfig config) {
        RetailNetwork network = RetailNetwork.build(config);
        Iterator<GeneratedRecord> nodes = nodeRecords(network).iterator();
        Iterator<GeneratedRecord> events =
                RecordStream.open(config, network, new StatsCounter(), null);
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return nodes.hasNext() || events.hasNext();
            }

            @Override
            public GeneratedRecord next() {
                if (nodes.hasNext()) {
                    return nodes.next();
                }
                if (events.hasNext()) {
                    return events.next();
                }
                throw new NoSuchElementException();
            }
        };
    }

    /** The network's node records as valid {@code network.nodes} records (key = node id). */
    public static List<GeneratedRecord> nodeRecords(RetailNetwork network) {
        AvroCodec<NodeRecord> codec = Topics.NODES.codec();
        List<GeneratedRecord> records = new ArrayList<>(network.nodes().size());
        for (NodeRecord node : network.nodes()) {
            long time = node.getEventTime().toEpochMilli();
            records.add(
                    new GeneratedRecord(
                            Topics.NODES.name(),
                            node.getNodeId(),
                            codec.encode(node),
                            time,
                            GeneratedRecord.Kind.VALID,
                            null,
                            time));
        }
        return records;
    }

    private RetailEventGenerator() {}
}
