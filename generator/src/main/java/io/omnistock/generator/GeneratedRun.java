package io.omnistock.generator;

import java.util.List;

/**
 * A finite generated run.
 *
 * @param nodeRecords the network's node records, to publish on {@code network.nodes} before
 *     anything else
 * @param records every inventory record (valid, duplicate, malformed) in arrival order
 * @param reference the exact final state a correct engine must hold after all records
 * @param stats what {@code records} contains
 */
public record GeneratedRun(
        List<GeneratedRecord> nodeRecords,
        List<GeneratedRecord> records,
        ReferenceLedger reference,
        GeneratorStats stats) {

    public GeneratedRun {
        nodeRecords = List.copyOf(nodeRecords);
        records = List.copyOf(records);
    }
}
