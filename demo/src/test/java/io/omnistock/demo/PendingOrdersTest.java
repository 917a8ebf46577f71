package io.omnistock.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PendingOrdersTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void anOrderIsUndecidedFromItsOfferUntilItsFirstDecision() {
        PendingOrders orders = new PendingOrders();
        orders.offered("O-1", 0);
        orders.offered("O-2", 0);
        orders.offered("O-3", 0);

        orders.decided("O-1");
        orders.decided("O-1"); // a RE_ROUTED decision of the same order
        orders.decided("O-BAD"); // a REJECTED decision of a malformed order never offered

        assertThat(orders.snapshot(SECOND).undecided()).isEqualTo(new Undecided(3, 2));
    }

    @Test
    void ordersWaitingLongerThanTheAllowanceAreOverdue() {
        PendingOrders orders = new PendingOrders();
        orders.offered("O-1", 0);
        orders.offered("O-2", 5 * SECOND);
        orders.offered("O-3", 30 * SECOND);
        orders.offered("O-4", 40 * SECOND);
        orders.decided("O-2");

        PendingOrders.Snapshot at45s = orders.snapshot(45 * SECOND);

        // O-1 waited 45 s, O-3 15 s, O-4 5 s: only O-1 is past 20 s
        assertThat(at45s.overdue()).isEqualTo(1);
        assertThat(at45s.oldestWait()).isEqualTo(Duration.ofSeconds(45));
        assertThat(at45s.caughtUp()).isFalse();
        assertThat(at45s.describe()).isEqualTo("3 of 4 (75.0%), 1 waiting over 20 s (oldest 45s)");
    }

    @Test
    void withNoOrderPastTheAllowanceTheDecisionsAreCaughtUp() {
        PendingOrders orders = new PendingOrders();
        orders.offered("O-1", 0);
        orders.offered("O-2", 10 * SECOND);
        orders.decided("O-1");

        PendingOrders.Snapshot at25s = orders.snapshot(25 * SECOND);

        assertThat(at25s.overdue()).isZero();
        assertThat(at25s.oldestWait()).isEqualTo(Duration.ofSeconds(15));
        assertThat(at25s.describe()).isEqualTo("1 of 2 (50.0%), none waiting over 20 s");
        assertThat(new PendingOrders().snapshot(SECOND).caughtUp()).isTrue();
    }
}
