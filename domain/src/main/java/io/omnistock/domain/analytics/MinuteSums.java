package io.omnistock.domain.analytics;

import io.omnistock.ledger.domain.metrics.WindowFigures;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ObjLongConsumer;

/**
 * Partial sums of facts by series and minute, the roll-ups included: what one task has seen since
 * it last drained them. Facts arrive by the thousand per second (every count compared with the
 * ledger is one); their sums per series and minute are few, so the windows downstream add up a
 * handful of partial sums instead of every fact four times over. A minute's partial sum is exact
 * for every window made of whole minutes.
 */
public final class MinuteSums {
    private static final long MINUTE = 60_000;

    private record Series(String region, String channel, long minute) {}

    private final Map<Series, WindowFigures> sums = new HashMap<>();

    /**
     * Counts a fact under its own region and channel and the roll-ups over every region, every
     * channel and both ({@link MetricFact#ALL}).
     */
    public void add(MetricFact fact) {
        long minute = Math.floorDiv(fact.eventTime, MINUTE) * MINUTE;
        for (String region : rolledUp(fact.region)) {
            for (String channel : rolledUp(fact.channel)) {
                sums.computeIfAbsent(
                                new Series(region, channel, minute),
                                s -> new WindowFigures(s.region(), s.channel()))
                        .add(fact);
            }
        }
    }

    /** How many partial sums are held. */
    public int size() {
        return sums.size();
    }

    /** Hands over each partial sum with the start of its minute, and forgets them. */
    public void drainTo(ObjLongConsumer<WindowFigures> out) {
        for (Map.Entry<Series, WindowFigures> e : sums.entrySet()) {
            out.accept(e.getValue(), e.getKey().minute());
        }
        sums.clear();
    }

    private static List<String> rolledUp(String value) {
        return value.equals(MetricFact.ALL)
                ? List.of(MetricFact.ALL)
                : List.of(value, MetricFact.ALL);
    }
}
