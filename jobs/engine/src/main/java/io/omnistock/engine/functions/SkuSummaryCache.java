package io.omnistock.engine.functions;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The most recently used SKU summaries of one ledger subtask, on the heap in front of RocksDB: a
 * write-through cache, so a hit saves the state read and RocksDB always holds what a checkpoint
 * must. It stays exact because every change to a summary goes through it (the subtask is the only
 * writer of its keys' state, and a restore or rescale starts a new, empty cache).
 */
final class SkuSummaryCache {
    private final LinkedHashMap<String, SkuSummary> entries;

    SkuSummaryCache(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("the summary cache needs at least one entry");
        }
        this.entries =
                new LinkedHashMap<>(Math.min(capacity, 1 << 16), 0.75f, true) {
                    @Override
                    protected boolean removeEldestEntry(Map.Entry<String, SkuSummary> eldest) {
                        return size() > capacity;
                    }
                };
    }

    /** The cached summary of a SKU, or null. */
    SkuSummary get(String sku) {
        return entries.get(sku);
    }

    void put(String sku, SkuSummary summary) {
        entries.put(sku, summary);
    }

    int size() {
        return entries.size();
    }
}
