package io.omnistock.testing;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** Polls a probe until a condition holds, failing at a deadline: the tests' only way to wait. */
public final class Await {
    private static final long POLL_INTERVAL_MILLIS = 100;

    /** Returns the first probed value that satisfies {@code done}; fails after {@code deadline}. */
    public static <T> T until(String what, Callable<T> probe, Predicate<T> done, Duration deadline)
            throws Exception {
        long end = System.nanoTime() + deadline.toNanos();
        T latest = probe.call();
        while (!done.test(latest)) {
            if (System.nanoTime() > end) {
                throw new AssertionError(
                        "not reached within " + deadline + ": " + what + "; last seen: " + latest);
            }
            TimeUnit.MILLISECONDS.sleep(POLL_INTERVAL_MILLIS); // the poll interval, not a guess
            latest = probe.call();
        }
        return latest;
    }

    private Await() {}
}
