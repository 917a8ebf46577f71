package io.omnistock.generator;

import io.omnistock.avro.DeadLetterReason;
import java.util.Arrays;
import java.util.Objects;

/**
 * One Kafka record to publish, in arrival order. Equality compares the value bytes; the value array
 * is shared with duplicates and must not be mutated.
 *
 * @param topic topic name
 * @param key Kafka key (the SKU on inventory topics, the node id on {@code network.nodes}); null
 *     only for a MISSING_KEY record
 * @param value Avro bytes (or deliberately broken bytes for malformed records)
 * @param timestamp Kafka record timestamp: the event time, except for malformed records, which
 *     carry the simulated time they are sent at (a broker rejects timestamps more than an hour in
 *     its future)
 * @param kind valid, exact duplicate or malformed
 * @param expectedReason the dead-letter reason the engine must give; null unless MALFORMED
 * @param eventTime the payload's event time (for undecodable payloads: the time it is sent at)
 */
public record GeneratedRecord(
        String topic,
        String key,
        byte[] value,
        long timestamp,
        Kind kind,
        DeadLetterReason expectedReason,
        long eventTime) {

    /** What the engine must do with the record. */
    public enum Kind {
        /** Apply it. */
        VALID,
        /** An exact re-send (same key, same bytes) of an earlier valid record: apply once. */
        DUPLICATE,
        /** Dead-letter it with {@code expectedReason}; never into state. */
        MALFORMED
    }

    public GeneratedRecord {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(kind, "kind");
        if ((kind == Kind.MALFORMED) != (expectedReason != null)) {
            throw new IllegalArgumentException("a reason is required exactly for MALFORMED");
        }
    }

    /** The same record marked as a duplicate re-send. */
    GeneratedRecord asDuplicate() {
        return new GeneratedRecord(topic, key, value, timestamp, Kind.DUPLICATE, null, eventTime);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GeneratedRecord r
                && timestamp == r.timestamp
                && eventTime == r.eventTime
                && topic.equals(r.topic)
                && Objects.equals(key, r.key)
                && Arrays.equals(value, r.value)
                && kind == r.kind
                && expectedReason == r.expectedReason;
    }

    @Override
    public int hashCode() {
        return Objects.hash(topic, key, Arrays.hashCode(value), timestamp, kind, expectedReason);
    }

    @Override
    public String toString() {
        return kind
                + (expectedReason == null ? "" : "(" + expectedReason + ")")
                + " "
                + topic
                + " key="
                + key
                + " "
                + value.length
                + " bytes @"
                + eventTime;
    }
}
