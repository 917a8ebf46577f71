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
     * At most this many characters of the original key are kept (a real key is a SKU, node or order
     * id). A Kafka key may be as large as the broker allows, and a key of invalid UTF-8 grows by
     * half when read as a string: uncut, one hostile key would make a dead letter larger than the
     * deadletter topic takes, and the producer would fail the job on every retry.
     */
    public static final int MAX_KEY_CHARS = 1024;

    /**
     * At most this many characters of the message are kept: messages may quote decoded fields or
     * the key, which hostile input makes as large as it likes.
     */
    public static final int MAX_MESSAGE_CHARS = 4096;

    /**
     * The dead letter of the record at {@code sourceTopic/partition/offset}. {@code key} may be
     * null; null {@code originalBytes} are stored as empty; a null {@code message} becomes the
     * reason's name. When the original is cut to {@link #MAX_ORIGINAL_BYTES} or the key to {@link
     * #MAX_KEY_CHARS}, the message says so; the message itself is cut to {@link
     * #MAX_MESSAGE_CHARS}. So a dead letter always fits the deadletter topic's record limit.
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
        text = cut(text, MAX_MESSAGE_CHARS);
        if (key != null && key.length() > MAX_KEY_CHARS) {
            text += " (key of " + key.length() + " chars cut to " + MAX_KEY_CHARS + ")";
            key = cut(key, MAX_KEY_CHARS);
        }
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

    /** The first {@code max} characters of {@code s}, never splitting a surrogate pair. */
    private static String cut(String s, int max) {
        if (s.length() <= max) {
            return s;
        }
        int end = Character.isHighSurrogate(s.charAt(max - 1)) ? max - 1 : max;
        return s.substring(0, end);
    }

    private DeadLetters() {}
}
