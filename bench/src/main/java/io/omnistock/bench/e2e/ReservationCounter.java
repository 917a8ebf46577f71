package io.omnistock.bench.e2e;

import io.omnistock.avro.ReservationRequest;
import io.omnistock.contracts.Topics;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the records on {@code orders.reservations} as the ledger job reads them back ({@code
 * read_committed} when it writes them exactly-once). The job's count of records done includes them;
 * subtracting them leaves the records published to it that it has done.
 */
final class ReservationCounter extends LatencyWatcher<ReservationRequest> {
    private final AtomicLong reservations = new AtomicLong();

    ReservationCounter(String bootstrapServers, boolean readCommitted) {
        super(bootstrapServers, Topics.RESERVATIONS, readCommitted);
    }

    @Override
    String matchKey(ReservationRequest request) {
        return null;
    }

    @Override
    void onRecord(ReservationRequest request) {
        reservations.incrementAndGet();
    }

    /** Reservation records read so far. */
    long reservations() {
        return reservations.get();
    }
}
