package io.omnistock.serving;

import static io.omnistock.serving.Records.movement;
import static org.assertj.core.api.Assertions.assertThat;

import io.omnistock.avro.Movement;
import io.omnistock.contracts.Topics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

/** The journal's memory bounds, fed records directly (its reader thread is not started). */
class MovementJournalTest {
    private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");
    private static final long HOUR = Duration.ofHours(1).toMillis();

    private final MovementJournal journal =
            new MovementJournal(
                    new Properties(),
                    new MovementJournal.Bounds(Duration.ofHours(24), 2, 3),
                    new ServingMetrics(),
                    Clock.fixed(NOW, ZoneOffset.UTC));
    private long offset;

    @Test
    void aPositionKeepsItsNewestRecordsOldestFirst() {
        read(movement("S", "A", "e1", 0, 1, 1), NOW.toEpochMilli() - 3 * HOUR);
        read(movement("S", "A", "e2", 1, 1, 2), NOW.toEpochMilli() - 2 * HOUR);
        read(movement("S", "A", "e3", 2, 1, 3), NOW.toEpochMilli() - HOUR);

        MovementJournal.Recent recent = journal.recent("S", "A", 10);

        assertThat(recent.entries())
                .extracting(MovementJournal.Entry::offset)
                .containsExactly(1L, 2L);
        assertThat(recent.held()).isEqualTo(2);
        assertThat(journal.recent("S", "A", 1).entries())
                .extracting(MovementJournal.Entry::offset)
                .containsExactly(2L);
        assertThat(journal.entries()).isEqualTo(2);
    }

    @Test
    void aboveTheTotalThePositionWrittenToLeastRecentlyIsDroppedWhole() {
        long t = NOW.toEpochMilli() - HOUR;
        read(movement("S", "A", "a1", 0, 1, 1), t);
        read(movement("S", "B", "b1", 0, 1, 1), t);
        read(movement("S", "A", "a2", 1, 1, 2), t); // A is now the most recent
        read(movement("S", "C", "c1", 0, 1, 1), t); // 4 > 3: B goes

        assertThat(journal.entries()).isEqualTo(3);
        assertThat(journal.positions()).isEqualTo(2);
        assertThat(journal.recent("S", "B", 10).entries()).isEmpty();
        assertThat(journal.recent("S", "A", 10).held()).isEqualTo(2);
        assertThat(journal.recordsRead()).isEqualTo(4);
    }

    @Test
    void recordsOlderThanTheWindowAreNotAnsweredAndUndecodableOnesNotKept() {
        read(movement("S", "A", "old", 0, 1, 1), NOW.toEpochMilli() - 25 * HOUR);
        journal.apply(
                new ConsumerRecord<>(
                        Topics.MOVEMENTS.name(), 0, offset++, "S|A", new byte[] {1, 2}));

        assertThat(journal.recent("S", "A", 10).entries()).isEmpty();
        assertThat(journal.entries()).isEqualTo(1);
    }

    private void read(Movement m, long timestamp) {
        journal.apply(
                new ConsumerRecord<>(
                        Topics.MOVEMENTS.name(),
                        0,
                        offset++,
                        timestamp,
                        TimestampType.CREATE_TIME,
                        0,
                        0,
                        Topics.positionKey(m.getSku(), m.getNodeId()),
                        Topics.MOVEMENTS.codec().encode(m),
                        new RecordHeaders(),
                        Optional.empty()));
    }
}
