package io.omnistock.connectors;

import io.omnistock.avro.DeadLetter;
import io.omnistock.avro.DeadLetterReason;
import io.omnistock.contracts.AvroCodec;
import io.omnistock.contracts.Topics;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

/**
 * Turns an output record too large for its topic into a dead letter ({@code OUTPUT_TOO_LARGE}) on
 * {@code deadletter}, and fits dead letters into {@code deadletter}'s own limit. Such a dead letter
 * has key = the output topic (as every dead letter's key is its source topic), event id {@code
 * <topic>/output/<record key>}, partition and offset -1, the time of writing as event time, and the
 * encoded value as original bytes: cut to the bytes that fit when the dead letter would itself be
 * too large for {@code deadletter}, which its message then says. Not thread-safe (one per sink
 * writer, like its codec).
 */
final class OversizedOutputs {
    /** Room for the growth of a dead letter's varint lengths when its bytes are cut. */
    private static final int SLACK = 16;

    private final AvroCodec<DeadLetter> codec = Topics.DEADLETTER.codec();
    private final RecordSizeLimit limit;
    private final int deadLetterLimit;

    OversizedOutputs(RecordSizeLimit limit, int deadLetterLimit) {
        this.limit = limit;
        this.deadLetterLimit = deadLetterLimit;
    }

    /**
     * The dead letter of {@code value} (key {@code key}), {@code size} bytes against {@code max}.
     */
    DeadLetter deadLetter(String topic, String key, byte[] value, int size, int max) {
        DeadLetter letter =
                DeadLetter.newBuilder()
                        .setEventId(topic + "/output/" + key)
                        .setEventTime(Instant.now())
                        .setSourceTopic(topic)
                        .setPartition(-1)
                        .setOffset(-1)
                        .setKey(key)
                        .setReason(DeadLetterReason.OUTPUT_TOO_LARGE)
                        .setMessage(
                                "an output record of "
                                        + size
                                        + " bytes is above the "
                                        + max
                                        + " bytes "
                                        + topic
                                        + " takes (its max.message.bytes or the producer's"
                                        + " max.request.size)")
                        .setOriginalBytes(ByteBuffer.wrap(value))
                        .build();
        return fit(letter);
    }

    /**
     * {@code letter}, or a copy with its original bytes cut so that it fits {@code deadletter}'s
     * limit; the message says how many bytes were kept.
     */
    DeadLetter fit(DeadLetter letter) {
        int size = limit.measure(keyOf(letter), codec.encode(letter));
        if (size <= deadLetterLimit) {
            return letter;
        }
        ByteBuffer original = letter.getOriginalBytes().duplicate();
        byte[] bytes = new byte[original.remaining()];
        original.get(bytes);
        String note = " (original bytes cut to the first %d of %d to fit deadletter's limit of %d)";
        int keep =
                Math.max(
                        0,
                        bytes.length
                                - (size - deadLetterLimit)
                                - SLACK
                                - String.format(note, bytes.length, bytes.length, deadLetterLimit)
                                        .getBytes(StandardCharsets.UTF_8)
                                        .length);
        return DeadLetter.newBuilder(letter)
                .setMessage(
                        letter.getMessage()
                                + String.format(note, keep, bytes.length, deadLetterLimit))
                .setOriginalBytes(ByteBuffer.wrap(Arrays.copyOf(bytes, keep)))
                .build();
    }

    /** {@code letter} as it goes on {@code deadletter}. */
    byte[] encode(DeadLetter letter) {
        return codec.encode(letter);
    }

    /** A dead letter's key on {@code deadletter}: its source topic. */
    private static byte[] keyOf(DeadLetter letter) {
        return letter.getSourceTopic().getBytes(StandardCharsets.UTF_8);
    }
}
