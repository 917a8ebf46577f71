package io.omnistock.engine;

import static io.omnistock.engine.ReferenceCheck.DEADLINE;
import static io.omnistock.engine.ReferenceCheck.publish;
import static io.omnistock.engine.RunningLedger.counter;
import static org.assertj.core.api.Assertions.assertThat;

import io.omnistock.avro.Availability;
import io.omnistock.avro.DeadLetter;
import io.omnistock.avro.NodeType;
import io.omnistock.avro.PosEvent;
import io.omnistock.avro.PosEventType;
import io.omnistock.connectors.KafkaOptions.DeliveryMode;
import io.omnistock.contracts.DeadLetters;
import io.omnistock.contracts.Topics;
import io.omnistock.contracts.WriterSchemas;
import io.omnistock.engine.functions.LedgerMetrics;
import io.omnistock.generator.BadRecords;
import io.omnistock.generator.GeneratedRecord;
import io.omnistock.generator.GeneratedRun;
import io.omnistock.generator.NetworkConfig;
import io.omnistock.generator.RetailEventGenerator;
import io.omnistock.generator.RetailNetwork;
import io.omnistock.testing.Await;
import io.omnistock.testing.FlinkMiniCluster;
import io.omnistock.testing.KafkaBrokerExtension;
import io.omnistock.testing.KafkaTestClient;
import io.omnistock.testing.KeyedValue;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.flink.client.program.ClusterClient;
import org.apache.flink.test.junit5.InjectClusterClient;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A corpus of every kind of bad input, sent to a running ledger on the real broker: each record
 * ends in {@code deadletter} with its own reason code and its original bytes, nothing else changes,
 * the job never restarts, and records in = processed + dead-lettered. Next to it, records written
 * with the previous and the next PosEvent schema (named in the {@code omnistock.schema} header) are
 * applied.
 */
class LedgerBadInputITCase {
    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @RegisterExtension static final MiniClusterExtension FLINK = FlinkMiniCluster.extension();

    @Test
    void everyKindOfBadInputIsDeadLetteredWithItsOwnReasonAndOriginalBytes(
            @InjectClusterClient ClusterClient<?> flink) throws Exception {
        KAFKA.createTopics(Topics.all(), 2);
        NetworkConfig config = NetworkConfig.small().withSeed(5);
        GeneratedRun run = RetailEventGenerator.generate(config);
        List<GeneratedRecord> valid =
                run.records().stream()
                        .filter(r -> r.kind() != GeneratedRecord.Kind.MALFORMED)
                        .toList();
        List<GeneratedRecord> corpus = BadRecords.corpus(RetailNetwork.build(config), config);
        List<GeneratedRecord> bad =
                corpus.stream().filter(r -> r.expectedReason() != null).toList();
        assertThat(bad.stream().map(GeneratedRecord::expectedReason).distinct())
                .hasSizeGreaterThanOrEqualTo(15);
        String kafka = KAFKA.bootstrapServers();
        long published = publish(kafka, run.nodeRecords()) + publish(kafka, valid);

        try (RunningLedger ledger = RunningLedger.start(kafka, DeliveryMode.AT_LEAST_ONCE);
                KafkaTestClient client = new KafkaTestClient(kafka)) {
            // TOO_LATE is judged against the watermark: send the corpus once it has moved past it
            long lastValidTime =
                    valid.stream().mapToLong(GeneratedRecord::eventTime).max().orElseThrow();
            JobWatermarks watermarks =
                    new JobWatermarks(flink.getWebInterfaceURL(), ledger.client().getJobID());
            Await.until(
                    "the ledger's watermark follows the valid events",
                    () -> watermarks.currentInputWatermark(EnginePipeline.APPLY_UID),
                    watermark ->
                            watermark > lastValidTime - java.time.Duration.ofHours(1).toMillis(),
                    DEADLINE);
            long total = published + publish(kafka, corpus);
            // schema evolution: a return written with the previous PosEvent version and a sale with
            // the next one, each naming its writer schema in the header, are both applied
            String store =
                    RetailNetwork.build(config).nodesOfType(NodeType.STORE).get(0).getNodeId();
            sendEvolved(
                    client,
                    PREVIOUS,
                    "evolved-return",
                    PosEventType.RETURN,
                    3,
                    store,
                    lastValidTime);
            sendEvolved(client, NEXT, "evolved-sale", PosEventType.SALE, 1, store, lastValidTime);
            total += 2;

            Map<String, Object> counters;
            try {
                counters = ledger.awaitAllResolvedWithLoop(total, bad.size(), client, DEADLINE);
            } catch (AssertionError e) {
                throw new AssertionError(
                        e.getMessage() + "; dead letters missing: " + missing(client, bad), e);
            }
            List<KeyedValue<DeadLetter>> deadLetters =
                    client.readUntil(
                            Topics.DEADLETTER, values -> values.size() >= bad.size(), DEADLINE);

            assertThat(counter(counters, LedgerMetrics.DEAD_LETTERED)).isEqualTo(bad.size());
            // exact re-sends in the run are duplicates: counted, applied once, never dead letters
            assertThat(run.stats().duplicates()).isPositive();
            assertThat(counter(counters, LedgerMetrics.DUPLICATES))
                    .isEqualTo(run.stats().duplicates());
            assertThat(deadLetters).hasSize(bad.size());
            for (GeneratedRecord record : bad) {
                byte[] original =
                        record.value() == null
                                ? new byte[0]
                                : Arrays.copyOf(
                                        record.value(),
                                        Math.min(
                                                record.value().length,
                                                DeadLetters.MAX_ORIGINAL_BYTES));
                assertThat(deadLetters)
                        .as("%s is dead-lettered with its reason and original bytes", record)
                        .anySatisfy(
                                d -> {
                                    assertThat(d.value().getReason())
                                            .isEqualTo(record.expectedReason());
                                    assertThat(d.value().getSourceTopic())
                                            .isEqualTo(record.topic());
                                    assertThat(bytes(d.value())).isEqualTo(original);
                                });
            }
            List<KeyedValue<Availability>> evolved =
                    client.readUntil(
                            Topics.AVAILABILITY,
                            values ->
                                    values.stream()
                                            .anyMatch(
                                                    a ->
                                                            a.getSku().equals(EVOLVED_SKU)
                                                                    && a.getOnHand() == 2),
                            DEADLINE);
            assertThat(evolved)
                    .as("both versions applied: 3 returned, then 1 sold")
                    .filteredOn(a -> a.value().getSku().equals(EVOLVED_SKU))
                    .extracting(a -> a.value().getOnHand())
                    .containsExactly(3L, 2L);
            assertThat(ledger.client().getJobStatus().get().isTerminalState()).isFalse();
        }
    }

    private static final String EVOLVED_SKU = "SKU-EVOLVED";
    private static final Schema PREVIOUS = previousPosEvent();

    /** The current PosEvent with a string field (default "STORE") appended: its next version. */
    private static final Schema NEXT = nextPosEvent();

    private static void sendEvolved(
            KafkaTestClient client,
            Schema schema,
            String eventId,
            PosEventType type,
            int qty,
            String store,
            long time)
            throws IOException {
        GenericRecord r = new GenericData.Record(schema);
        r.put("eventId", eventId);
        r.put("eventTime", time);
        r.put("sku", EVOLVED_SKU);
        r.put("nodeId", store);
        r.put("type", new GenericData.EnumSymbol(schema.getField("type").schema(), type.name()));
        r.put("quantity", qty);
        r.put("voidedEventId", null);
        if (schema.getField("transactionId") != null) {
            r.put("transactionId", "TXN-" + eventId);
        }
        if (schema.getField("channel") != null) {
            r.put("channel", "KIOSK");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(schema).write(r, encoder);
        encoder.flush();
        client.sendWithHeader(
                Topics.POS.name(),
                EVOLVED_SKU,
                out.toByteArray(),
                time,
                WriterSchemas.HEADER,
                WriterSchemas.headerValue(schema));
    }

    private static Schema previousPosEvent() {
        try (InputStream in =
                LedgerBadInputITCase.class.getResourceAsStream("/avro-history/PosEvent.v1.avsc")) {
            return new Schema.Parser().parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Schema nextPosEvent() {
        Schema current = PosEvent.getClassSchema();
        List<Schema.Field> fields = new ArrayList<>();
        for (Schema.Field f : current.getFields()) {
            fields.add(new Schema.Field(f, f.schema()));
        }
        fields.add(new Schema.Field("channel", Schema.create(Schema.Type.STRING), null, "STORE"));
        return Schema.createRecord(
                current.getName(), current.getDoc(), current.getNamespace(), false, fields);
    }

    /** The (topic, reason) of each expected dead letter not on the topic yet. */
    private static List<String> missing(KafkaTestClient client, List<GeneratedRecord> bad) {
        List<String> missing = new ArrayList<>();
        for (GeneratedRecord r : bad) {
            missing.add(r.topic() + ":" + r.expectedReason());
        }
        for (KeyedValue<DeadLetter> d : client.readAll(Topics.DEADLETTER, Duration.ofSeconds(2))) {
            missing.remove(d.value().getSourceTopic() + ":" + d.value().getReason());
        }
        return missing;
    }

    private static byte[] bytes(DeadLetter d) {
        java.nio.ByteBuffer buffer = d.getOriginalBytes().duplicate();
        byte[] out = new byte[buffer.remaining()];
        buffer.get(out);
        return out;
    }
}
