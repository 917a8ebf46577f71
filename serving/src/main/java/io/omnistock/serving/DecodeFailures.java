package io.omnistock.serving;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Records that did not decode: the service skips them (the engine's dead-letter topic is where bad
 * input is kept; these are the engine's own output, so a failure here means a schema the service
 * does not know) and says so once per key and kind of failure, remembering at most {@link
 * #REMEMBERED} pairs so a flood of bad records cannot grow the heap.
 */
public final class DecodeFailures {
    static final int REMEMBERED = 10_000;

    private final Set<String> reported =
            Collections.newSetFromMap(
                    new LinkedHashMap<>() {
                        @Override
                        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                            return size() > REMEMBERED;
                        }
                    });

    /** True when this is the first failure of {@code kind} for {@code key} (log it); else false. */
    public synchronized boolean firstFor(String topic, String key, String kind) {
        return reported.add(topic + '\u0000' + key + '\u0000' + kind);
    }
}
