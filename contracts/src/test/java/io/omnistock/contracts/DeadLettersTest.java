package io.omnistock.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import io.omnistock.avro.DeadLetter;
import io.omnistock.avro.DeadLetterReason;
import java.nio.ByteBuffer;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DeadLettersTest {

    @Test
    void describesTheRejectedRecord() throws DecodeException {
        byte[] original = {1, 2, 3};

        DeadLetter letter =
                DeadLetters.of(
                        "inventory.pos",
                        1,
                        42L,
                        1_000L,
                        "sku-1",
                        DeadLetterReason.UNDECODABLE,
                        "not a PosEvent",
                        original);

        assertThat(letter.getEventId()).isEqualTo("inventory.pos/1/42");
        assertThat(letter.getEventTime()).isEqualTo(Instant.ofEpochMilli(1_000L));
        assertThat(letter.getSourceTopic()).isEqualTo("inventory.pos");
        assertThat(letter.getPartition()).isEqualTo(1);
        assertThat(letter.getOffset()).isEqualTo(42L);
        assertThat(letter.getKey()).isEqualTo("sku-1");
        assertThat(letter.getReason()).isEqualTo(DeadLetterReason.UNDECODABLE);
        assertThat(letter.getMessage()).isEqualTo("not a PosEvent");
        assertThat(letter.getOriginalBytes()).isEqualTo(ByteBuffer.wrap(original));
        var codec = Topics.DEADLETTER.codec();
        assertThat(codec.decode(codec.encode(letter))).isEqualTo(letter);
    }

    @Test
    void missingKeyBytesAndMessageAreFilledIn() {
        DeadLetter letter =
                DeadLetters.of(
                        "inventory.wms",
                        0,
                        7L,
                        1L,
                        null,
                        DeadLetterReason.EMPTY_PAYLOAD,
                        null,
                        null);

        assertThat(letter.getKey()).isNull();
        assertThat(letter.getOriginalBytes().remaining()).isZero();
        assertThat(letter.getMessage()).isEqualTo("EMPTY_PAYLOAD");
    }

    @Test
    void anOversizedOriginalIsCutSoTheLetterFitsTheTopic() {
        byte[] original = new byte[DeadLetters.MAX_ORIGINAL_BYTES + 100];
        original[0] = 9;

        DeadLetter letter =
                DeadLetters.of(
                        "inventory.pos",
                        0,
                        3L,
                        1L,
                        "sku-1",
                        DeadLetterReason.OVERSIZED_RECORD,
                        "too big",
                        original);

        assertThat(letter.getOriginalBytes().remaining()).isEqualTo(DeadLetters.MAX_ORIGINAL_BYTES);
        assertThat(letter.getOriginalBytes().get(0)).isEqualTo((byte) 9);
        assertThat(letter.getMessage())
                .startsWith("too big")
                .contains(Integer.toString(original.length));
    }
}
