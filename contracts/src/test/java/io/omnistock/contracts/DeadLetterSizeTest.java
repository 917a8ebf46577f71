package io.omnistock.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import io.omnistock.avro.DeadLetter;
import io.omnistock.avro.DeadLetterReason;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Whatever a hostile input carries, its dead letter fits the deadletter topic. */
class DeadLetterSizeTest {
    private final AvroCodec<DeadLetter> codec = Topics.DEADLETTER.codec();

    @Test
    void aHugeKeyOfInvalidUtf8IsCutAndSaysSo() throws DecodeException {
        byte[] garbage = new byte[600_000];
        java.util.Arrays.fill(garbage, (byte) 0xC3); // each an invalid sequence: U+FFFD, 3 bytes
        String key = new String(garbage, StandardCharsets.UTF_8);
        String message = "key '" + key + "' does not match 'SKU-1'"; // as a KEY_MISMATCH says

        DeadLetter letter = letter(key, message, new byte[100_000]);

        byte[] encoded = codec.encode(letter);
        assertThat(encoded.length).isLessThanOrEqualTo(Topics.DEADLETTER.maxRecordBytes());
        assertThat(codec.decode(encoded)).isEqualTo(letter);
        assertThat(letter.getKey())
                .hasSize(DeadLetters.MAX_KEY_CHARS)
                .isEqualTo(key.substring(0, 1024));
        assertThat(letter.getMessage())
                .startsWith("key '\uFFFD")
                .endsWith(
                        " (key of 600000 chars cut to 1024) (original of 100000 bytes cut to 65536)");
        assertThat(letter.getOriginalBytes().remaining()).isEqualTo(DeadLetters.MAX_ORIGINAL_BYTES);
    }

    @Test
    void aCutNeverSplitsASurrogatePair() {
        String key = "a" + "\uD83D\uDCE6".repeat(DeadLetters.MAX_KEY_CHARS); // 📦, two chars each

        DeadLetter letter = letter(key, "KEY_MISMATCH", new byte[] {1});

        assertThat(letter.getKey()).hasSize(DeadLetters.MAX_KEY_CHARS - 1);
        assertThat(Character.isHighSurrogate(letter.getKey().charAt(letter.getKey().length() - 1)))
                .isFalse();
    }

    @Test
    void shortKeysAndMessagesAreKeptWhole() {
        DeadLetter letter = letter("SKU-1", "not a PosEvent", new byte[] {1, 2});

        assertThat(letter.getKey()).isEqualTo("SKU-1");
        assertThat(letter.getMessage()).isEqualTo("not a PosEvent");
    }

    private static DeadLetter letter(String key, String message, byte[] original) {
        return DeadLetters.of(
                "inventory.pos",
                0,
                7L,
                1_000L,
                key,
                DeadLetterReason.KEY_MISMATCH,
                message,
                original);
    }
}
