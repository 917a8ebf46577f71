package io.omnistock.ops;

import io.omnistock.contracts.AvroCodec;
import io.omnistock.contracts.DecodeException;
import io.omnistock.contracts.TopicSpec;
import java.io.PrintWriter;
import java.time.Duration;
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

/** {@code omnistock tail}: follows an output topic, one decoded record per line. */
@Command(
        name = "tail",
        mixinStandardHelpOptions = true,
        description = {
            "Follow decisions, metrics, dead letters or alerts: one decoded record per line.",
            "Prints the records of an output topic as they arrive, one line each: topic/partition/"
                    + "offset, Kafka timestamp, key and the value decoded with the topic's Avro"
                    + " schema. Follows until Ctrl-C or --limit records.",
            "decisions: orders.decisions; metrics: metrics.sustainability and"
                    + " metrics.operations; deadletters: deadletter; alerts: inventory.alerts.",
            "Reads only committed records, so in exactly-once mode records appear at the jobs'"
                    + " checkpoints."
        })
final class TailCommand implements Callable<Integer> {
    private static final Duration POLL = Duration.ofMillis(200);

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Mixin KafkaConnectionOptions kafka;

    @Parameters(index = "0", paramLabel = "WHAT", description = "One of: ${COMPLETION-CANDIDATES}.")
    TailedTopics what;

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
                        out.println(line(codecs.get(record.topic()), record));
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

    private static String line(AvroCodec<?> codec, ConsumerRecord<String, byte[]> record) {
        String value;
        if (record.value() == null) {
            value = "(tombstone)";
        } else {
            try {
                value = String.valueOf(RecordValues.tryDecode(codec, record));
            } catch (DecodeException e) {
                value = "(not a " + codec.type().getSimpleName() + ": " + e.getMessage() + ')';
            }
        }
        return RecordLine.of(
                RecordValues.position(record), record.timestamp(), record.key(), value);
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
