package io.omnistock.engine.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.omnistock.avro.DeadLetter;
import io.omnistock.avro.DeadLetterReason;
import io.omnistock.avro.ReservationRequest;
import io.omnistock.contracts.AvroCodec;
import io.omnistock.contracts.DeadLetters;
import io.omnistock.contracts.TopicSpec;
import io.omnistock.contracts.Topics;
import io.omnistock.contracts.WriterSchemas;
import io.omnistock.domain.inventory.LedgerSettings;
import io.omnistock.generator.GeneratedRecord;
import io.omnistock.generator.NetworkConfig;
import io.omnistock.generator.OrderGenerator;
import io.omnistock.generator.QuoteGenerator;
import io.omnistock.generator.RetailEventGenerator;
import io.omnistock.ledger.domain.NodeUnits;
import io.omnistock.ledger.domain.StockRequest;
import io.omnistock.testing.ByteMutator;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificData;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

/**
 * Mutation fuzzing of the job's input decoder: valid records of every input topic, made by the
 * generator, mutated deterministically (bit flips, inserted and deleted bytes, truncation at every
 * length class, hostile length prefixes, long strings, oversized values, one topic's bytes on
 * another, spliced records, empty and null keys and values, garbage writer-schema headers), each
 * read as a Kafka ConsumerRecord. Every record must come out exactly once, accepted or rejected
 * with a reason and its original bytes, and nothing may escape the decoder.
 *
 * <p>Reproduce a failure with the seed and record index it prints: record {@code i} is built from
 * {@code new SplittableRandom(seed + i)} alone, so {@code -Dfuzz.seed=S -Dfuzz.first=i
 * -Dfuzz.records=1} replays it (docs/development/testing.md, "Hostile input").
 */
public class InputDecoderFuzzTest {
    public static final long SEED = Long.getLong("fuzz.seed", 20_261_206L);
    static final int RECORDS = Integer.getInteger("fuzz.records", 1_000_000);

    /** The first record's index: {@code -Dfuzz.first=i -Dfuzz.records=1} replays record i alone. */
    static final int FIRST = Integer.getInteger("fuzz.first", 0);

    private static final List<String> INPUT_TOPICS =
            List.of(
                    Topics.POS.name(),
                    Topics.WMS.name(),
                    Topics.THREE_PL.name(),
                    Topics.NODES.name(),
                    Topics.ORDER_REQUESTS.name(),
                    Topics.ORDER_LIFECYCLE.name(),
                    Topics.RESERVATIONS.name(),
                    Topics.QUOTE_REQUESTS.name());

    /** The writer-schema header values of every topic's current schema. */
    private static final List<String> KNOWN_HEADERS =
            Topics.all().stream()
                    .map(
                            t ->
                                    WriterSchemas.headerValue(
                                            SpecificData.get().getSchema(t.valueType())))
                    .toList();

    private final ByteMutator mutator = new ByteMutator(TopicSpec.MAX_RECORD_BYTES);

    /** A seed record: topic, key, valid (or generator-malformed) value. */
    record Seed(String topic, String key, byte[] value) {}

    /** One fuzzed input and how it was made. */
    record Mutant(ConsumerRecord<byte[], byte[]> record, List<String> how) {}

    @Test
    void everyMutatedRecordComesOutOnceAcceptedOrDeadLettered() {
        List<Seed> seeds = seeds();
        assertThat(seeds.stream().map(Seed::topic).collect(Collectors.toSet()))
                .containsExactlyInAnyOrderElementsOf(INPUT_TOPICS);
        // two shards on two threads (the records are independent: record i depends on i alone)
        int half = RECORDS / 2;
        List<Shard> shards =
                List.of(
                        new Shard(seeds, FIRST, FIRST + half),
                        new Shard(seeds, FIRST + half, FIRST + RECORDS));
        shards.parallelStream().forEach(Shard::run);
        Map<DeadLetterReason, Long> reasons = new EnumMap<>(DeadLetterReason.class);
        List<String> failures = new ArrayList<>();
        long accepted = 0;
        long rejected = 0;
        for (Shard shard : shards) {
            shard.reasons.forEach((reason, n) -> reasons.merge(reason, n, Long::sum));
            failures.addAll(shard.failures);
            accepted += shard.accepted;
            rejected += shard.rejected;
        }

        System.out.printf(
                "fuzzed %,d records (seed %d): %,d accepted, %,d rejected %s%n",
                RECORDS, SEED, accepted, rejected, reasons);
        assertThat(failures).as("records the decoder mishandled").isEmpty();
        assertThat(accepted + rejected).isEqualTo(RECORDS);
        assertThat(accepted).as("some mutants stay valid").isPositive();
        assertThat(reasons)
                .as("the fuzzing reaches every decoding defence")
                .containsKeys(
                        DeadLetterReason.UNDECODABLE,
                        DeadLetterReason.EMPTY_PAYLOAD,
                        DeadLetterReason.OVERSIZED_RECORD,
                        DeadLetterReason.TRAILING_BYTES,
                        DeadLetterReason.MISSING_KEY,
                        DeadLetterReason.KEY_MISMATCH,
                        DeadLetterReason.UNKNOWN);
    }

    /** Records {@code from} (inclusive) to {@code to} through a decoder of their own. */
    private final class Shard {
        private final List<Seed> seeds;
        private final int from;
        private final int to;
        final Map<DeadLetterReason, Long> reasons = new EnumMap<>(DeadLetterReason.class);
        final List<String> failures = new ArrayList<>();
        long accepted;
        long rejected;

        Shard(List<Seed> seeds, int from, int to) {
            this.seeds = seeds;
            this.from = from;
            this.to = to;
        }

        void run() {
            InventoryDeserializationSchema schema =
                    new InventoryDeserializationSchema(LedgerSettings.defaults());
            schema.open(null);
            AvroCodec<DeadLetter> deadLetters = Topics.DEADLETTER.codec();
            List<SourcedEvent> out = new ArrayList<>(2);
            Collector<SourcedEvent> collector =
                    new Collector<>() {
                        @Override
                        public void collect(SourcedEvent record) {
                            out.add(record);
                        }

                        @Override
                        public void close() {}
                    };
            for (int i = from; i < to; i++) {
                ConsumerRecord<byte[], byte[]> record = mutate(seeds, i, null).record();
                out.clear();
                String problem;
                try {
                    schema.deserialize(record, collector);
                    problem = check(record, out, deadLetters);
                } catch (Throwable t) { // the point of the test: nothing may escape
                    problem = "threw " + t;
                }
                if (problem != null) {
                    if (failures.size() < 5) {
                        failures.add(describe(seeds, i, problem));
                    }
                    continue;
                }
                SourcedEvent sourced = out.get(0);
                if (sourced.isRejected()) {
                    rejected++;
                    reasons.merge(sourced.rejection, 1L, Long::sum);
                } else {
                    accepted++;
                }
            }
        }
    }

    /** Null when the record came out right, else what is wrong. */
    private static String check(
            ConsumerRecord<byte[], byte[]> record,
            List<SourcedEvent> out,
            AvroCodec<DeadLetter> deadLetters) {
        if (out.size() != 1) {
            return out.size() + " records out";
        }
        SourcedEvent s = out.get(0);
        if (!record.topic().equals(s.topic)
                || record.partition() != s.partition
                || record.offset() != s.offset) {
            return "lost its origin: " + s.topic + "/" + s.partition + "/" + s.offset;
        }
        byte[] original = record.value() == null ? new byte[0] : record.value();
        if (!Arrays.equals(original, s.bytes)) {
            return "does not keep its original bytes";
        }
        if (!s.isRejected()) {
            int payloads =
                    (s.event != null ? 1 : 0)
                            + (s.node != null ? 1 : 0)
                            + (s.order != null ? 1 : 0)
                            + (s.lifecycle != null ? 1 : 0)
                            + (s.quote != null ? 1 : 0)
                            + (s.request != null ? 1 : 0);
            return payloads == 1 ? null : "accepted with " + payloads + " payloads";
        }
        DeadLetter letter = s.toDeadLetter(s.rejection, s.rejectionMessage);
        byte[] kept = bytes(letter.getOriginalBytes());
        int keep = Math.min(original.length, DeadLetters.MAX_ORIGINAL_BYTES);
        if (!Arrays.equals(kept, Arrays.copyOf(original, keep))) {
            return "dead letter does not carry the original bytes (cut as DeadLetters does)";
        }
        if (letter.getMessage() == null || letter.getMessage().isEmpty()) {
            return "dead letter without a message";
        }
        int size = deadLetters.encode(letter).length;
        if (size > Topics.DEADLETTER.maxRecordBytes()) {
            return "dead letter of " + size + " bytes does not fit on the deadletter topic";
        }
        return null;
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer b = buffer.duplicate();
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }

    /**
     * Record {@code i}: a seed, then 0 to 3 byte mutations, maybe another topic, key and headers.
     * {@code how}, when given, collects what was done.
     */
    Mutant mutate(List<Seed> seeds, int i, List<String> how) {
        SplittableRandom random = new SplittableRandom(SEED + i);
        Seed seed = seeds.get(random.nextInt(seeds.size()));
        String topic = seed.topic();
        note(
                how,
                "seed "
                        + seed.topic()
                        + " key="
                        + seed.key()
                        + " "
                        + seed.value().length
                        + " bytes");
        int roll = random.nextInt(100);
        if (roll < 5) {
            topic = INPUT_TOPICS.get(random.nextInt(INPUT_TOPICS.size()));
            note(how, "read on " + topic);
        } else if (roll == 5) {
            topic = "inventory.unknown";
            note(how, "read on " + topic);
        }
        byte[] value = seed.value();
        int mutations = random.nextInt(10) == 0 ? 0 : 1 + random.nextInt(3);
        for (int m = 0; m < mutations; m++) {
            ByteMutator.Op op = ByteMutator.pick(random);
            byte[] other = seeds.get(random.nextInt(seeds.size())).value();
            value = mutator.apply(op, value, other, random);
            note(how, op + " -> " + value.length + " bytes");
        }
        if (random.nextInt(50) == 0) {
            value = null;
            note(how, "null value");
        }
        byte[] key = seed.key() == null ? null : seed.key().getBytes(StandardCharsets.UTF_8);
        if (random.nextInt(1_000) == 0) {
            key = hugeKey(random, key);
            note(how, "huge key of " + key.length + " bytes");
        } else if (random.nextInt(8) == 0) {
            key =
                    switch (random.nextInt(5)) {
                        case 0 -> null;
                        case 1 -> new byte[0];
                        case 2 -> " \t".getBytes(StandardCharsets.UTF_8);
                        case 3 -> ByteMutator.randomBytes(random, 1 + random.nextInt(40));
                        default -> seeds.get(random.nextInt(seeds.size())).value();
                    };
            note(how, "key " + (key == null ? "null" : HexFormat.of().formatHex(key)));
        }
        RecordHeaders headers = new RecordHeaders();
        if (random.nextInt(5) == 0) {
            int count = 1 + random.nextInt(2);
            for (int h = 0; h < count; h++) {
                byte[] header = schemaHeader(random);
                headers.add(WriterSchemas.HEADER, header);
                note(
                        how,
                        "header "
                                + (header == null
                                        ? "null"
                                        : new String(header, StandardCharsets.UTF_8)));
            }
        }
        if (random.nextInt(20) == 0) {
            headers.add(
                    "x-" + random.nextInt(100),
                    ByteMutator.randomBytes(random, random.nextInt(32)));
        }
        ConsumerRecord<byte[], byte[]> record =
                new ConsumerRecord<>(
                        topic,
                        random.nextInt(4),
                        i,
                        random.nextLong(),
                        TimestampType.CREATE_TIME,
                        key == null ? -1 : key.length,
                        value == null ? -1 : value.length,
                        key,
                        value,
                        headers,
                        Optional.empty());
        return new Mutant(record, how);
    }

    /**
     * A writer-schema header: garbage, an unknown id, a known one (maybe another type's), or null.
     */
    private static byte[] schemaHeader(SplittableRandom random) {
        String value =
                switch (random.nextInt(7)) {
                    case 0 -> null;
                    case 1 -> String.format("%016x", random.nextLong()); // unknown id
                    case 2 -> String.format("%016X", random.nextLong()); // not lowercase
                    case 3 -> KNOWN_HEADERS.get(random.nextInt(KNOWN_HEADERS.size()));
                    case 4 -> "";
                    case 5 -> "not-a-fingerprint-" + random.nextInt();
                    default -> "null";
                };
        if (value == null) {
            return random.nextBoolean()
                    ? null
                    : ByteMutator.randomBytes(random, 1 + random.nextInt(24));
        }
        return value.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * A key of 1 KB to 400 KB (a Kafka record may carry up to the broker's 1 MiB), either the
     * seed's key repeated or random bytes.
     */
    private static byte[] hugeKey(SplittableRandom random, byte[] key) {
        int length = 1_000 + random.nextInt(400_000);
        if (key == null || key.length == 0 || random.nextBoolean()) {
            return ByteMutator.randomBytes(random, length);
        }
        byte[] out = new byte[length];
        for (int i = 0; i < length; i++) {
            out[i] = key[i % key.length];
        }
        return out;
    }

    private String describe(List<Seed> seeds, int i, String problem) {
        List<String> how = new ArrayList<>();
        ConsumerRecord<byte[], byte[]> record = mutate(seeds, i, how).record();
        byte[] value = record.value();
        String hex =
                value == null
                        ? "null"
                        : HexFormat.of().formatHex(value, 0, Math.min(value.length, 64))
                                + (value.length > 64 ? "..." : "");
        return "record "
                + i
                + " (seed "
                + SEED
                + ") on "
                + record.topic()
                + ": "
                + problem
                + "\n    made by "
                + how
                + "\n    value "
                + hex;
    }

    private static void note(List<String> how, String step) {
        if (how != null) {
            how.add(step);
        }
    }

    /**
     * Mutants {@code first} to {@code first + count - 1} that are on an input topic of the ledger,
     * as records to publish (the same records this test decodes).
     */
    public static List<ConsumerRecord<byte[], byte[]>> mutants(int first, int count) {
        List<Seed> seeds = seeds();
        InputDecoderFuzzTest fuzz = new InputDecoderFuzzTest();
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>(count);
        for (int i = first; i < first + count; i++) {
            ConsumerRecord<byte[], byte[]> record = fuzz.mutate(seeds, i, null).record();
            if (INPUT_TOPICS.contains(record.topic())) {
                out.add(record);
            }
        }
        return out;
    }

    /** Records of every input topic: the generator's inventory, order and quote streams. */
    static List<Seed> seeds() {
        NetworkConfig config = NetworkConfig.small().withSeed(SEED);
        List<Seed> seeds = new ArrayList<>();
        take(RetailEventGenerator.stream(config), 4_000, seeds);
        take(QuoteGenerator.withQuotes(OrderGenerator.stream(config)), 3_000, seeds);
        AvroCodec<ReservationRequest> reservations = Topics.RESERVATIONS.codec();
        SplittableRandom random = new SplittableRandom(SEED);
        StockRequest.Action[] actions = {
            StockRequest.Action.RESERVE, StockRequest.Action.RELEASE, StockRequest.Action.COMMIT
        };
        for (int i = 0; i < 500; i++) {
            String sku = "SKU-" + random.nextInt(40);
            StockRequest request =
                    new StockRequest(
                            "res-" + i,
                            1_780_000_000_000L + i * 1_000L,
                            "O-" + random.nextInt(200),
                            sku,
                            actions[random.nextInt(actions.length)],
                            1 + random.nextInt(3));
            for (int n = random.nextInt(3); n > 0; n--) {
                request.units.add(new NodeUnits("STORE-" + n, 1 + random.nextInt(5)));
            }
            request.alternatives.add("DC-1");
            seeds.add(
                    new Seed(
                            Topics.RESERVATIONS.name(),
                            sku,
                            reservations.encode(InventoryEventMapper.toReservation(request))));
        }
        return seeds;
    }

    private static void take(Iterator<GeneratedRecord> records, int limit, List<Seed> into) {
        for (int i = 0; i < limit && records.hasNext(); i++) {
            GeneratedRecord r = records.next();
            into.add(new Seed(r.topic(), r.key(), r.value()));
        }
    }
}
