package io.omnistock.ops;

import io.omnistock.avro.DeadLetter;
import io.omnistock.avro.DeadLetterReason;
import io.omnistock.contracts.AvroCodec;
import io.omnistock.contracts.DecodeException;
import io.omnistock.contracts.TopicSpec;
import io.omnistock.contracts.Topics;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code omnistock deadletters replay}: sends rejected records to their topic again. */
@Command(
        name = "replay",
        mixinStandardHelpOptions = true,
        description = {
            "Re-publish dead letters to their source topic after a fix.",
            "Re-publishes the original bytes and key of dead letters to the input topic they came"
                    + " from, for after a fix (reference data added, a producer corrected, the"
                    + " engine upgraded). Reads the deadletter topic up to its current end.",
            "Safe to repeat: the engine dedupes on event ids, so a replayed record that was"
                    + " already applied is applied once only, and one that is still wrong is"
                    + " dead-lettered again.",
            "Skipped: dead letters from topics outside the input catalog, and OVERSIZED_RECORD"
                    + " and EMPTY_PAYLOAD ones (their original is cut or empty, so it would be"
                    + " rejected again).",
            "Dead letters do not keep the original record's omnistock.schema header: a record"
                    + " written with another schema version is replayed without it."
        })
final class ReplayDeadLettersCommand implements Callable<Integer> {
    private static final Set<String> INPUTS =
            Topics.LEDGER_INPUTS.stream().map(TopicSpec::name).collect(Collectors.toSet());
    private static final Set<DeadLetterReason> NOT_REPLAYABLE =
            Set.of(DeadLetterReason.OVERSIZED_RECORD, DeadLetterReason.EMPTY_PAYLOAD);

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Mixin KafkaConnectionOptions kafka;

    @Option(
            names = "--reason",
            paramLabel = "R",
            description = "Only dead letters with this reason, e.g. UNKNOWN_NODE.")
    DeadLetterReason reason;

    @Option(
            names = "--topic",
            paramLabel = "T",
            description = "Only dead letters from this source topic, e.g. inventory.wms.")
    String topic;

    @Option(names = "--dry-run", description = "Show what would be replayed; publish nothing.")
    boolean dryRun;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        ProgressLine progress =
                new ProgressLine(spec.commandLine().getErr(), "dead letters read", 100);
        AvroCodec<DeadLetter> codec = Topics.DEADLETTER.codec();
        Map<String, Long> replayed = new TreeMap<>();
        Map<String, Long> skipped = new TreeMap<>();
        AtomicLong total = new AtomicLong();
        AtomicLong read = new AtomicLong();
        AtomicReference<Exception> failure = new AtomicReference<>();
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(
                        kafka.producerProperties(),
                        new StringSerializer(),
                        new ByteArraySerializer())) {
            TopicSnapshotReader.read(
                    kafka.consumerProperties(),
                    Topics.DEADLETTER.name(),
                    total::set,
                    record -> {
                        DeadLetter letter;
                        try {
                            letter = RecordValues.tryDecode(codec, record);
                        } catch (DecodeException e) {
                            letter = null;
                            count(skipped, "not a DeadLetter");
                        }
                        if (letter != null && selected(letter)) {
                            replay(letter, producer, replayed, skipped, failure);
                        }
                        progress.update(read.incrementAndGet(), total.get(), note(replayed));
                    });
            producer.flush();
        }
        progress.finish(read.get(), total.get(), note(replayed));
        if (failure.get() != null) {
            throw new KafkaException("replay incomplete: a send failed", failure.get());
        }
        TextTable table = new TextTable("SOURCE TOPIC AND REASON", "RESULT", "DEAD LETTERS");
        replayed.forEach((k, n) -> table.row(k, dryRun ? "would replay" : "replayed", n));
        skipped.forEach((k, n) -> table.row(k, "skipped", n));
        if (!table.isEmpty()) {
            table.print(out);
        }
        long replayedCount = sum(replayed);
        long skippedCount = sum(skipped);
        out.printf(
                "%s %d dead letters to their source topics, skipped %d%s%n",
                dryRun ? "Would replay" : "Replayed",
                replayedCount,
                skippedCount,
                dryRun ? " (dry run: nothing published)" : "");
        out.flush();
        return 0;
    }

    /** Sends {@code letter}'s original to its topic, or counts why not. */
    private void replay(
            DeadLetter letter,
            KafkaProducer<String, byte[]> producer,
            Map<String, Long> replayed,
            Map<String, Long> skipped,
            AtomicReference<Exception> failure) {
        String source = letter.getSourceTopic();
        if (!INPUTS.contains(source)) {
            count(skipped, source + " (not an input topic)");
        } else if (NOT_REPLAYABLE.contains(letter.getReason())) {
            count(skipped, source + ' ' + letter.getReason());
        } else {
            count(replayed, source + ' ' + letter.getReason());
            if (!dryRun) {
                producer.send(original(letter), (m, e) -> remember(failure, e));
            }
        }
    }

    private String note(Map<String, Long> replayed) {
        return ", " + sum(replayed) + (dryRun ? " to replay" : " replayed");
    }

    private boolean selected(DeadLetter letter) {
        return (reason == null || letter.getReason() == reason)
                && (topic == null || topic.equals(letter.getSourceTopic()));
    }

    /** The rejected record as it was: same topic, key, bytes and timestamp. */
    static ProducerRecord<String, byte[]> original(DeadLetter letter) {
        ByteBuffer bytes = letter.getOriginalBytes().duplicate();
        byte[] value = new byte[bytes.remaining()];
        bytes.get(value);
        return new ProducerRecord<>(
                letter.getSourceTopic(),
                null,
                letter.getEventTime().toEpochMilli(),
                letter.getKey(),
                value);
    }

    private static long sum(Map<String, Long> counts) {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    private static void count(Map<String, Long> counts, String what) {
        counts.merge(what, 1L, Long::sum);
    }

    private static void remember(AtomicReference<Exception> failure, Exception e) {
        if (e != null) {
            failure.compareAndSet(null, e);
        }
    }
}
