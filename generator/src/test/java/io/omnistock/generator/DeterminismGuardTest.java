package io.omnistock.generator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Pins the generator's output for a fixed seed: the SHA-256 of every record (node records first,
 * then the inventory records in arrival order) and of the reference ledger, as computed before
 * behaviour-preserving refactors. If a refactor changes the byte stream, the order of random draws
 * or the reference, this test fails, so such changes cannot happen silently. Update the hashes only
 * when the generator's output is meant to change.
 */
class DeterminismGuardTest {
    private static final Instant START = Instant.parse("2026-03-02T00:00:00Z");

    /** Seed 42 of the small network; start and wall clock fixed so the output is stable. */
    private static final NetworkConfig CONFIG =
            NetworkConfig.small().toBuilder()
                    .start(START)
                    .wallClock(START.plus(Duration.ofDays(3)))
                    .build()
                    .withSeed(42);

    private static final String RECORDS_SHA256 =
            "2e3f6705cda56ade84cde8763bb2b0aad4cbd64742b5653558386f88515f5544";
    private static final String REFERENCE_SHA256 =
            "5ec3b4e9756bdf2b90f83bda99170ee0c130848bc2f9119d6db8b7dfb531cc9d";

    @Test
    void recordsOfAFixedSeedNeverChange() {
        GeneratedRun run = RetailEventGenerator.generate(CONFIG);
        MessageDigest digest = sha256();
        hashRecords(digest, run.nodeRecords());
        hashRecords(digest, run.records());
        String actual = HexFormat.of().formatHex(digest.digest());
        assertThat(actual).isEqualTo(RECORDS_SHA256);
    }

    @Test
    void streamedRecordsMatchTheGeneratedRun() {
        GeneratedRun run = RetailEventGenerator.generate(CONFIG);
        MessageDigest generated = sha256();
        hashRecords(generated, run.nodeRecords());
        hashRecords(generated, run.records());
        MessageDigest streamed = sha256();
        RetailEventGenerator.stream(CONFIG).forEachRemaining(r -> hashRecord(streamed, r));
        assertThat(streamed.digest()).isEqualTo(generated.digest());
    }

    @Test
    void referenceOfAFixedSeedNeverChanges() {
        ReferenceLedger reference = RetailEventGenerator.generate(CONFIG).reference();
        MessageDigest digest = sha256();
        update(digest, reference.positions().values().toString());
        update(digest, reference.network().values().toString());
        update(digest, Long.toString(reference.countMismatches()));
        String actual = HexFormat.of().formatHex(digest.digest());
        assertThat(actual).isEqualTo(REFERENCE_SHA256);
    }

    private static void hashRecords(MessageDigest digest, List<GeneratedRecord> records) {
        records.forEach(r -> hashRecord(digest, r));
    }

    /** Topic, key, timestamp, event time, kind, expected reason and the value bytes, framed. */
    private static void hashRecord(MessageDigest digest, GeneratedRecord r) {
        update(digest, r.topic());
        update(digest, String.valueOf(r.key()));
        update(digest, r.kind() + "/" + r.expectedReason());
        digest.update(
                ByteBuffer.allocate(2 * Long.BYTES)
                        .putLong(r.timestamp())
                        .putLong(r.eventTime())
                        .array());
        digest.update(ByteBuffer.allocate(Integer.BYTES).putInt(r.value().length).array());
        digest.update(r.value());
    }

    private static void update(MessageDigest digest, String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        digest.update(ByteBuffer.allocate(Integer.BYTES).putInt(bytes.length).array());
        digest.update(bytes);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
