package io.omnistock.bench.e2e;

import io.omnistock.avro.Availability;
import io.omnistock.contracts.Topics;

/**
 * Reads {@code inventory.availability} as a web shop would: each record is matched by its {@code
 * lastEventId} to the event that caused it. Events that change no published figure (a count equal
 * to the ledger, say) name none and give no sample.
 */
final class AvailabilityWatcher extends LatencyWatcher<Availability> {
    AvailabilityWatcher(String bootstrapServers, boolean readCommitted) {
        super(bootstrapServers, Topics.AVAILABILITY, readCommitted);
    }

    @Override
    String matchKey(Availability record) {
        return record.getLastEventId();
    }
}
