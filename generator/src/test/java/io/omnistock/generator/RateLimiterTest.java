package io.omnistock.generator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
    private long now;
    private final List<Long> parks = new ArrayList<>();
    private final RateLimiter limiter =
            new RateLimiter(
                    1_000,
                    () -> now,
                    nanos -> {
                        parks.add(nanos);
                        now += nanos;
                    });

    @Test
    void parksUntilEachPermitIsDue() {
        for (int i = 0; i < 5; i++) {
            limiter.acquire();
        }

        assertThat(parks).containsExactly(1_000_000L, 1_000_000L, 1_000_000L, 1_000_000L);
        assertThat(now).isEqualTo(4_000_000L);
    }

    @Test
    void aSlowCallerGetsABoundedBurst() {
        limiter.acquire();
        now += 1_000_000_000L;
        int free = 0;
        for (limiter.acquire(); parks.isEmpty(); limiter.acquire()) {
            free++;
        }

        assertThat(free).isEqualTo((int) (RateLimiter.MAX_BURST_NANOS / 1_000_000L) + 1);
    }
}
