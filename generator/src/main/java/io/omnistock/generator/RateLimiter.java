package io.omnistock.generator;

import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * Paces callers to a steady rate without spinning: each permit is due {@code 1/rate} after the
 * previous one, and a caller ahead of schedule parks until its permit is due. Short bursts after a
 * stall are allowed up to {@link #MAX_BURST_NANOS} of credit. Not thread-safe.
 */
final class RateLimiter {
    /** Permits not taken while the caller was slow are kept for at most this long. */
    static final long MAX_BURST_NANOS = 50_000_000L;

    /** Parks for about the given nanoseconds. */
    @FunctionalInterface
    interface Parker {
        void park(long nanos);
    }

    private final long intervalNanos;
    private final LongSupplier clock;
    private final Parker parker;
    private long nextPermit;
    private boolean started;

    RateLimiter(double permitsPerSecond) {
        this(permitsPerSecond, System::nanoTime, LockSupport::parkNanos);
    }

    RateLimiter(double permitsPerSecond, LongSupplier clock, Parker parker) {
        if (!(permitsPerSecond > 0)) {
            throw new IllegalArgumentException("rate must be > 0: " + permitsPerSecond);
        }
        this.intervalNanos = Math.max(1, Math.round(1e9 / permitsPerSecond));
        this.clock = clock;
        this.parker = parker;
    }

    /** Blocks until the next permit is due. */
    void acquire() {
        long now = clock.getAsLong();
        if (!started) {
            started = true;
            nextPermit = now;
        }
        nextPermit = Math.max(nextPermit, now - MAX_BURST_NANOS);
        long wait = nextPermit - now;
        while (wait > 0) {
            parker.park(wait);
            wait = nextPermit - clock.getAsLong();
        }
        nextPermit += intervalNanos;
    }
}
