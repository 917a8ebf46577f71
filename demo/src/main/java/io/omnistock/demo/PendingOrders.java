package io.omnistock.demo;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Orders offered to the job that have no decision yet, by order id. Offer each valid order once
 * (the generator's exact re-sends and malformed records are not orders to decide); its first
 * decision of any status takes it off, and decisions of ids not pending (malformed orders, a
 * RE_ROUTED after the first decision) change nothing. Holds only the undecided ids. Thread-safe:
 * the generator offers while the output watcher decides.
 */
final class PendingOrders {
    private final Set<String> pending = ConcurrentHashMap.newKeySet();
    private final AtomicLong offered = new AtomicLong();

    /** A valid order about to be sent; call before sending, so its decision cannot come first. */
    void offered(String orderId) {
        offered.incrementAndGet();
        pending.add(orderId);
    }

    /** A decision read for {@code orderId}. */
    void decided(String orderId) {
        pending.remove(orderId);
    }

    Undecided snapshot() {
        long sent = offered.get();
        return new Undecided(sent, Math.min(sent, pending.size()));
    }
}
