package io.omnistock.domain.analytics;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * Positions missing from a 3PL snapshot (docs/concepts/analytics.md, Reconciliation reports). A
 * node's snapshot is the batches whose checks share one as-of time; each batch covers a part of the
 * node's SKUs. When a snapshot is final, every SKU that the node's previous final snapshot counted
 * and that none of its batches counted is missing. It is charged to the batch that took over most
 * of the SKUs of the previous batch that held it (3PLs batch the same SKUs together), or, when none
 * of them was counted again, to the first batch of the snapshot by id.
 *
 * <p>It sees only SKUs counted in an earlier snapshot: a SKU the 3PL never reported is not missing,
 * and a position whose count the ledger did not compare (an opening balance, a stale or rejected
 * count) looks absent.
 */
public final class MissingPositions {
    private MissingPositions() {}

    /**
     * Missing SKUs per batch of the current snapshot.
     *
     * @param previous the previous final snapshot: SKU to the batch that counted it
     * @param current this snapshot: SKU to the batch that counted it (not empty)
     * @return batch id of {@code current} to its missing positions (batches without any left out)
     */
    public static Map<String, Long> byBatch(
            Map<String, String> previous, Map<String, String> current) {
        // previous batch -> current batch -> SKUs counted in both
        Map<String, Map<String, Long>> overlap = new HashMap<>();
        current.forEach(
                (sku, batch) -> {
                    String before = previous.get(sku);
                    if (before != null) {
                        overlap.computeIfAbsent(before, b -> new HashMap<>())
                                .merge(batch, 1L, Long::sum);
                    }
                });
        String first = new TreeSet<>(current.values()).first();
        Map<String, Long> missing = new HashMap<>();
        previous.forEach(
                (sku, before) -> {
                    if (!current.containsKey(sku)) {
                        missing.merge(successor(overlap.get(before), first), 1L, Long::sum);
                    }
                });
        return missing;
    }

    /** The current batch with the most SKUs of a previous one (ties: the least id). */
    private static String successor(Map<String, Long> counts, String fallback) {
        if (counts == null) {
            return fallback;
        }
        String best = null;
        long most = 0;
        for (Map.Entry<String, Long> e : counts.entrySet()) {
            if (e.getValue() > most || (e.getValue() == most && e.getKey().compareTo(best) < 0)) {
                best = e.getKey();
                most = e.getValue();
            }
        }
        return best;
    }
}
