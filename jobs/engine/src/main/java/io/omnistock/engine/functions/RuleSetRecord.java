package io.omnistock.engine.functions;

import io.omnistock.avro.DeadLetter;
import io.omnistock.avro.DeadLetterReason;
import io.omnistock.contracts.DeadLetters;

/**
 * One record of routing.rules as read: the rule set's fields, or why it did not decode, with where
 * it came from and its original bytes for the dead-letter topic.
 */
public class RuleSetRecord {
    public String ruleSetId;
    public long version;
    public String text;
    public String author;

    public DeadLetterReason rejection;
    public String rejectionMessage;

    public String topic;
    public int partition;
    public long offset;
    public long recordTimestamp;
    public String key;
    public byte[] bytes;

    public RuleSetRecord() {}

    /** This record as a dead letter, with its origin and original bytes. */
    public DeadLetter toDeadLetter(DeadLetterReason reason, String message) {
        return DeadLetters.of(
                topic, partition, offset, recordTimestamp, key, reason, message, bytes);
    }
}
