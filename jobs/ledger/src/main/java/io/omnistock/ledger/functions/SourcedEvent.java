package io.omnistock.ledger.functions;

import io.omnistock.avro.DeadLetter;
import io.omnistock.avro.DeadLetterReason;
import io.omnistock.connectors.DeadLetters;
import io.omnistock.ledger.domain.InventoryEvent;
import io.omnistock.ledger.domain.NodeInfo;

/**
 * One input record as read from Kafka: exactly one of {@link #event} (inventory topics), {@link
 * #node} (network.nodes) or {@link #rejection} is set. It keeps where it came from and its original
 * bytes, so a record rejected anywhere downstream reaches the dead-letter topic intact. A Flink
 * POJO.
 */
public class SourcedEvent {
    public InventoryEvent event;
    public NodeInfo node;

    public DeadLetterReason rejection;
    public String rejectionMessage;

    public String topic;
    public int partition;
    public long offset;
    public long recordTimestamp;
    public String key;
    public byte[] bytes;

    public SourcedEvent() {}

    public boolean isRejected() {
        return rejection != null;
    }

    /** This record as a dead letter, with its origin and original bytes. */
    public DeadLetter toDeadLetter(DeadLetterReason reason, String message) {
        return DeadLetters.of(
                topic, partition, offset, recordTimestamp, key, reason, message, bytes);
    }

    /** Event time for watermarks: rejected records and reference data do not move event time. */
    public long eventTime() {
        return event != null && rejection == null ? event.eventTime : Long.MIN_VALUE;
    }
}
