package io.omnistock.ops;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToLongFunction;

/**
 * The consumer side of the versioned-upsert contract (docs/design.md section 7): per key, the value
 * with the highest version wins, whatever order the copies arrive in (an at-least-once sink may
 * write an older version again after a failure). Keys iterate in sorted order.
 */
final class LatestVersions<V> {
    private final ToLongFunction<V> version;
    private final Map<String, V> latest = new TreeMap<>();

    LatestVersions(ToLongFunction<V> version) {
        this.version = version;
    }

    /** Keeps {@code value} for {@code key} unless a value with a higher version is already kept. */
    void offer(String key, V value) {
        latest.merge(
                key,
                value,
                (kept, offered) ->
                        version.applyAsLong(offered) >= version.applyAsLong(kept) ? offered : kept);
    }

    Map<String, V> byKey() {
        return latest;
    }
}
