package io.omnistock.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omnistock.avro.DeadLetter;
import io.omnistock.avro.DeadLetterReason;
import io.omnistock.contracts.DeadLetters;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RecordJsonTest {
    private static final Instant AT = Instant.parse("2026-03-02T09:00:00Z");
    private static final byte[] ORIGINAL = {0, 1, (byte) 0xfe, (byte) 0xff, 'A'};

    @Test
    void aDeadLettersOriginalBytesAreBase64OrHexAndItsTimesIso() {
        DeadLetter letter =
                DeadLetters.of(
                        "inventory.pos",
                        0,
                        41,
                        AT.toEpochMilli(),
                        "sku-1",
                        DeadLetterReason.UNDECODABLE,
                        null,
                        ORIGINAL);

        ObjectNode base64 = new RecordJson(RecordJson.Bytes.base64).toJson(letter);
        ObjectNode hex = new RecordJson(RecordJson.Bytes.hex).toJson(letter);

        assertThat(base64.get("originalBytes").asText()).isEqualTo("AAH+/0E=");
        assertThat(hex.get("originalBytes").asText()).isEqualTo("0001feff41");
        assertThat(base64.get("eventTime").asText()).isEqualTo(AT.toString());
        assertThat(base64.get("reason").asText()).isEqualTo("UNDECODABLE");
        assertThat(base64.get("key").asText()).isEqualTo("sku-1");
    }
}
