package io.omnistock.contracts;

import io.omnistock.avro.DeadLetter;
import io.omnistock.avro.DeadLetterReason;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * Builds the {@link DeadLetter} of a rejected input record. Its event id is {@code
 * topic/partition/offset}, so re-reading the same input after a restart yields the same id. The
 * original bytes are kept up to {@link #MAX_ORIGINAL_BYTES}: a dead letter must itself fit on the
 * deadletter topic, even when the input was rejected for being oversized.
 */
public final class DeadLetters {

    /** At most this many bytes of the original value are kept; a real input is far smaller. */
    public static final int MAX_ORIGINAL_BYTES = TopicSpec.MAX_RECORD_BYTES;

    /**
     * The dead letter of the record at {@code sourceTopic/partition/offset}. {@code key} may be
     * null; null {@code originalBytes} are stored as empty; a null {@code message} becomes the
     * reason's name. When the original is cut to {@link #MAX_ORIGINAL_BYTES}, the message says so.
     */
    public static DeadLetter of(
            String sourceTopic,
            int partition,
            long offset,
            long recordTimestamp,
            String key,
            DeadLetterReason reason,
            String message,
            byte[] originalBytes) {
        Objects.requireNonNull(sourceTopic, "sourceTopic");
        Objects.requireNonNull(reason, "reason");
        byte[] original = originalBytes == null ? new byte[0] : originalBytes;
        String text = Objects.requireNonNullElse(message, reason.name());
        if (original.length > MAX_ORIGINAL_BYTES) {
            text +=
                    " (original of "
                            + original.length
                            + " bytes cut to "
                            + MAX_ORIGINAL_BYTES
                            + ")";
            original = Arrays.copyOf(original, MAX_ORIGINAL_BYTES);
        }
        return DeadLetter.newBuilder()
                .setEventId(sourceTopic + '/' + partition + '/' + offset)
                .setEventTime(Instant.ofEpochMilli(recordTimestamp))
                .setSourceTopic(sourceTopic)
                .setPartition(partition)
                .setOffset(offset)
                .setKey(key)
                .setReason(reason)
                .setMessage(text)
                .setOriginalBytes(ByteBuffer.wrap(original))
                .build();
    }

    private DeadLetters() {}
}
