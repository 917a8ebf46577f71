package io.omnistock.ops;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omnistock.contracts.AvroCodec;
import io.omnistock.contracts.DecodeException;
import io.omnistock.contracts.TopicSpec;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code omnistock tail}: follows an output topic, one decoded record (or JSON object) per line.
 */
@Command(
        name = "tail",
        mixinStandardHelpOptions = true,
        description = {
            "Follow an output topic: one decoded record per line.",
            "Prints the records of an output topic as they arrive, one line each: topic/partition/"
                    + "offset, Kafka timestamp, key and the value decoded with the topic's Avro"
                    + " schema as JSON (timestamps ISO-8601, bytes base64 or hex). Follows until"
                    + " Ctrl-C or --limit records. --json prints one JSON object per record.",
            "decisions: orders.decisions; metrics: metrics.sustainability and"
                    + " metrics.operations; deadletters: deadletter; alerts: inventory.alerts;"
                    + " returns: returns.dispositions; availability: inventory.availability;"
                    + " network: inventory.availability.network; groups:"
                    + " inventory.availability.groups; quotes: quotes.responses;"
                    + " discrepancies: inventory.discrepancies; counts: inventory.count-checks;"
                    + " holds: holds.events; reconciliation: metrics.reconciliation."
                    + " An output topic's own name works too.",
            "Reads only committed records, so in exactly-once mode records appear at the jobs'"
                    + " checkpoints."
        })
final class TailCommand implements Callable<Integer> {
    private static final Duration POLL = Duration.ofMillis(200);
    private static final ObjectMapper JSON = new ObjectMapper();

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Mixin KafkaConnectionOptions kafka;

    @Parameters(
            index = "0",
            arity = "1",
            paramLabel = "WHAT",
            converter = TailedTopics.Converter.class,
            description =
                    "decisions, metrics, deadletters, alerts, returns, availability, network,"
                            + " quotes, discrepancies, counts, or an output topic's name.")
    TailedTopics.Choice what;

    @Option(
            names = "--json",
            description =
                    "One JSON object per record: topic, partition, offset, timestamp, key, and"
                            + " value (or error when it does not decode).")
    boolean json;

    @Option(
            names = "--bytes",
            paramLabel = "base64|hex",
            defaultValue = "base64",
            description =
                    "How bytes fields (a dead letter's originalBytes) are printed. Default:"
                            + " ${DEFAULT-VALUE}.")
    RecordJson.Bytes bytes;

    @Option(
            names = "--from-beginning",
            description = "Start at the oldest record kept (default: only new records).")
    boolean fromBeginning;

    @Option(
            names = "--limit",
            paramLabel = "N",
            description = "Stop after N records (default: follow until Ctrl-C).")
    Long limit;

    @Override
    public Integer call() {
        if (limit != null && limit < 1) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--limit must be at least 1");
        }
        PrintWriter out = spec.commandLine().getOut();
        RecordJson renderer = new RecordJson(bytes);
        Map<String, AvroCodec<?>> codecs = new HashMap<>();
        List<TopicPartition> partitions = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(
                        kafka.consumerProperties(),
                        new StringDeserializer(),
                        new ByteArrayDeserializer())) {
            for (TopicSpec<?> topic : what.topics()) {
                codecs.put(topic.name(), topic.codec());
                partitions.addAll(TopicSnapshotReader.partitionsOf(consumer, topic.name()));
            }
            consumer.assign(partitions);
            if (fromBeginning) {
                consumer.seekToBeginning(partitions);
            } else {
                consumer.seekToEnd(partitions);
                partitions.forEach(consumer::position); // fix "the end" now, not at first poll
            }
            CountDownLatch stopped = new CountDownLatch(1);
            Thread stopOnCtrlC =
                    new Thread(
                            () -> {
                                consumer.wakeup();
                                awaitQuietly(stopped);
                            },
                            "omnistock-tail-stop");
            Runtime.getRuntime().addShutdownHook(stopOnCtrlC);
            long printed = 0;
            try {
                while (limit == null || printed < limit) {
                    for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                        out.println(line(codecs.get(record.topic()), record, renderer));
                        printed++;
                        if (limit != null && printed >= limit) {
                            break;
                        }
                    }
                    out.flush();
                }
            } catch (WakeupException e) {
                // Ctrl-C: stop following
            } finally {
                out.flush();
                stopped.countDown();
                removeHook(stopOnCtrlC);
            }
        }
        return 0;
    }

    private String line(
            AvroCodec<?> codec, ConsumerRecord<String, byte[]> record, RecordJson renderer) {
        ObjectNode value = null;
        String error = null;
        if (record.value() == null) {
            error = "tombstone";
        } else {
            try {
                value = renderer.toJson(RecordValues.tryDecode(codec, record));
            } catch (DecodeException e) {
                error = "not a " + codec.type().getSimpleName() + ": " + e.getMessage();
            }
        }
        if (json) {
            ObjectNode line = JSON.createObjectNode();
            line.put("topic", record.topic());
            line.put("partition", record.partition());
            line.put("offset", record.offset());
            line.put("timestamp", Instant.ofEpochMilli(record.timestamp()).toString());
            line.put("key", record.key());
            if (value != null) {
                line.set("value", value);
            } else {
                line.put("error", error);
            }
            return line.toString();
        }
        return RecordLine.of(
                RecordValues.position(record),
                record.timestamp(),
                record.key(),
                value != null ? value.toString() : "(" + error + ")");
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down (Ctrl-C): the hook is running
        }
    }
}
