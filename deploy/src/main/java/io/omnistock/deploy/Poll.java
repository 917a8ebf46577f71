package io.omnistock.deploy;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** Polls a probe until a condition holds, failing at a deadline. */
final class Poll {
    private static final long INTERVAL_MILLIS = 100;

    /** Returns the first probed value that satisfies {@code done}; fails after {@code deadline}. */
    static <T> T until(String what, Callable<T> probe, Predicate<T> done, Duration deadline)
            throws Exception {
        long end = System.nanoTime() + deadline.toNanos();
        T latest = probe.call();
        while (!done.test(latest)) {
            if (System.nanoTime() > end) {
                throw new IllegalStateException(
                        "not reached within " + deadline + ": " + what + "; last seen: " + latest);
            }
            TimeUnit.MILLISECONDS.sleep(INTERVAL_MILLIS);
            latest = probe.call();
        }
        return latest;
    }

    private Poll() {}
}
