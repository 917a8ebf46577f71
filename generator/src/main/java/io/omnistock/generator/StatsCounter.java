package io.omnistock.generator;

import io.omnistock.avro.DeadLetterReason;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/** Mutable counters behind {@link GeneratorStats}; single-threaded. */
final class StatsCounter {
    private final long[] byKind = new long[EventKind.values().length];
    private final long[] byReason = new long[DeadLetterReason.values().length];
    private long duplicates;
    private long outOfOrder;

    void valid(EventKind kind) {
        byKind[kind.ordinal()]++;
    }

    void duplicate() {
        duplicates++;
    }

    void outOfOrder() {
        outOfOrder++;
    }

    void malformed(DeadLetterReason reason) {
        byReason[reason.ordinal()]++;
    }

    GeneratorStats snapshot(long nodeRecords) {
        Map<String, Long> byTopic = new HashMap<>();
        Map<EventKind, Long> kinds = new EnumMap<>(EventKind.class);
        for (EventKind kind : EventKind.values()) {
            long n = byKind[kind.ordinal()];
            if (n > 0) {
                kinds.put(kind, n);
                byTopic.merge(kind.topic().name(), n, Long::sum);
            }
        }
        Map<DeadLetterReason, Long> reasons = new EnumMap<>(DeadLetterReason.class);
        for (DeadLetterReason reason : DeadLetterReason.values()) {
            if (byReason[reason.ordinal()] > 0) {
                reasons.put(reason, byReason[reason.ordinal()]);
            }
        }
        return new GeneratorStats(nodeRecords, byTopic, kinds, duplicates, outOfOrder, reasons);
    }
}
