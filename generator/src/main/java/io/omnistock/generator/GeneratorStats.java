package io.omnistock.generator;

import io.omnistock.avro.DeadLetterReason;
import java.util.Map;

/**
 * What a finite run contains.
 *
 * @param nodeRecords records for {@code network.nodes}, published first
 * @param validByTopic valid records (first copies) per topic name
 * @param validByKind valid records per event kind
 * @param duplicates exact re-sends
 * @param outOfOrder valid movements delivered late by up to {@code maxDisorder}
 * @param malformedByReason malformed records per expected dead-letter reason
 */
public record GeneratorStats(
        long nodeRecords,
        Map<String, Long> validByTopic,
        Map<EventKind, Long> validByKind,
        long duplicates,
        long outOfOrder,
        Map<DeadLetterReason, Long> malformedByReason) {

    public GeneratorStats {
        validByTopic = Map.copyOf(validByTopic);
        validByKind = Map.copyOf(validByKind);
        malformedByReason = Map.copyOf(malformedByReason);
    }

    /** Valid records over all inventory topics. */
    public long valid() {
        return validByTopic.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Malformed records over all reasons. */
    public long malformed() {
        return malformedByReason.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Every record of the run's arrival stream (node records excluded). */
    public long records() {
        return valid() + duplicates + malformed();
    }
}
