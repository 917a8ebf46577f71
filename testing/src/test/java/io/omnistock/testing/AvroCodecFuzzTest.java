package io.omnistock.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.omnistock.avro.DeadLetterReason;
import io.omnistock.contracts.AvroCodec;
import io.omnistock.contracts.DecodeException;
import io.omnistock.contracts.TopicSpec;
import io.omnistock.contracts.Topics;
import io.omnistock.contracts.WriterSchemas;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.util.RandomData;
import org.junit.jupiter.api.Test;

/**
 * Mutation fuzzing of {@link AvroCodec} for every topic of the catalog: random valid records of the
 * current and every earlier schema version, mutated deterministically, decoded with or without a
 * writer-schema header (right, earlier, another type's, unknown, garbage). Each decode must return
 * a record or throw a {@link DecodeException} with a reason: nothing else may escape.
 *
 * <p>Mutant {@code i} is built from {@code new SplittableRandom(seed + i)} alone; replay one with
 * {@code -Dfuzz.seed=S -Dfuzz.first=i -Dfuzz.records=1}.
 */
class AvroCodecFuzzTest {
    static final long SEED = Long.getLong("fuzz.seed", 20_261_206L);
    static final int RECORDS = Integer.getInteger("fuzz.records", 200_000);
    static final int FIRST = Integer.getInteger("fuzz.first", 0);

    /** A valid payload of a topic's type, with the header naming the schema it was written with. */
    record Seed(int topic, String header, byte[] value) {}

    private final List<TopicSpec<?>> topics = Topics.all();
    private final List<AvroCodec<? extends SpecificRecord>> codecs = new ArrayList<>();
    private final List<String> headers = new ArrayList<>();
    private final ByteMutator mutator = new ByteMutator(TopicSpec.MAX_RECORD_BYTES);

    @Test
    void everyMutantDecodesOrIsRejectedWithAReason() {
        List<Seed> seeds = seeds();
        topics.forEach(t -> codecs.add(t.codec()));
        Map<DeadLetterReason, Long> reasons = new EnumMap<>(DeadLetterReason.class);
        List<String> failures = new ArrayList<>();
        long decoded = 0;
        long rejected = 0;

        for (int i = FIRST; i < FIRST + RECORDS; i++) {
            SplittableRandom random = new SplittableRandom(SEED + i);
            List<String> how = new ArrayList<>();
            Seed seed = seeds.get(random.nextInt(seeds.size()));
            int topic = random.nextInt(20) == 0 ? random.nextInt(topics.size()) : seed.topic();
            byte[] value = seed.value();
            int mutations = random.nextInt(10) == 0 ? 0 : 1 + random.nextInt(3);
            for (int m = 0; m < mutations; m++) {
                ByteMutator.Op op = ByteMutator.pick(random);
                value =
                        mutator.apply(
                                op, value, seeds.get(random.nextInt(seeds.size())).value(), random);
                how.add(op.name());
            }
            String header = header(random, seed);
            AvroCodec<? extends SpecificRecord> codec = codecs.get(topic);
            try {
                SpecificRecord record = codec.decode(value, header);
                if (record == null) {
                    fail(
                            failures,
                            describe(
                                    i, topics.get(topic), seed, how, header, value, "null record"));
                    continue;
                }
                decoded++;
            } catch (DecodeException e) {
                if (e.reason() == null || e.getMessage() == null) {
                    fail(
                            failures,
                            describe(
                                    i,
                                    topics.get(topic),
                                    seed,
                                    how,
                                    header,
                                    value,
                                    "no reason: " + e));
                    continue;
                }
                rejected++;
                reasons.merge(e.reason(), 1L, Long::sum);
            } catch (Throwable t) { // the point of the test: nothing else may escape
                fail(
                        failures,
                        describe(i, topics.get(topic), seed, how, header, value, "threw " + t));
            }
        }

        System.out.printf(
                "fuzzed AvroCodec with %,d records (seed %d): %,d decoded, %,d rejected %s%n",
                RECORDS, SEED, decoded, rejected, reasons);
        assertThat(failures).as("payloads the codec mishandled").isEmpty();
        assertThat(decoded + rejected).isEqualTo(RECORDS);
        assertThat(decoded).isPositive();
        assertThat(reasons)
                .containsKeys(
                        DeadLetterReason.UNDECODABLE,
                        DeadLetterReason.EMPTY_PAYLOAD,
                        DeadLetterReason.OVERSIZED_RECORD,
                        DeadLetterReason.TRAILING_BYTES);
    }

    /** Keeps the first five failures, enough to reproduce each. */
    private static void fail(List<String> failures, String failure) {
        if (failures.size() < 5) {
            failures.add(failure);
        }
    }

    /** No header, the seed's own, another known schema's, an unknown id, or garbage. */
    private String header(SplittableRandom random, Seed seed) {
        return switch (random.nextInt(8)) {
            case 0, 1, 2 -> seed.header();
            case 3 -> headers.get(random.nextInt(headers.size()));
            case 4 -> String.format("%016x", random.nextLong());
            case 5 -> random.nextBoolean() ? "" : "zz" + random.nextInt();
            default -> null;
        };
    }

    private static String describe(
            int i,
            TopicSpec<?> topic,
            Seed seed,
            List<String> how,
            String header,
            byte[] value,
            String problem) {
        return "mutant "
                + i
                + " (seed "
                + SEED
                + ") read as "
                + topic.valueType().getSimpleName()
                + ": "
                + problem
                + "\n    made from a "
                + seed.value().length
                + "-byte seed by "
                + how
                + ", header "
                + header
                + "\n    value "
                + HexFormat.of().formatHex(value, 0, Math.min(value.length, 64));
    }

    /** 40 random records of each topic's current schema and of each earlier version. */
    private List<Seed> seeds() {
        List<Seed> seeds = new ArrayList<>();
        for (int t = 0; t < topics.size(); t++) {
            Class<? extends SpecificRecord> type = topics.get(t).valueType();
            List<Schema> versions = new ArrayList<>(WriterSchemas.history(type));
            versions.add(SpecificData.get().getSchema(type));
            for (Schema schema : versions) {
                String header = WriterSchemas.headerValue(schema);
                headers.add(header);
                for (Object datum : new RandomData(GenericData.get(), schema, 40, SEED + t)) {
                    byte[] bytes = write(schema, datum);
                    if (bytes.length <= TopicSpec.MAX_RECORD_BYTES) {
                        seeds.add(new Seed(t, header, bytes));
                    }
                }
            }
        }
        return seeds;
    }

    private static byte[] write(Schema schema, Object datum) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        try {
            new GenericDatumWriter<>(schema, GenericData.get()).write(datum, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
