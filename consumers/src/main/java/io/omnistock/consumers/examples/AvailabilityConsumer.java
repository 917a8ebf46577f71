package io.omnistock.consumers.examples;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The consumer guide's Java consumer of {@code inventory.availability}, to copy into a service:
 * needs only kafka-clients and Avro, and the self-contained schema {@code Availability.avsc} from
 * the schemas jar ({@code avro-self-contained/}) or a file. It reads committed records only,
 * decodes the plain Avro value and keeps the highest version per key ({@code sku|node}), which is
 * what the compacted topic converges to. {@code AvailabilityConsumerITCase} runs it against the
 * broker.
 *
 * <p>{@code java ... AvailabilityConsumer localhost:9092} prints every change as it arrives.
 */
public final class AvailabilityConsumer implements AutoCloseable {
    public static final String TOPIC = "inventory.availability";

    private final KafkaConsumer<String, byte[]> consumer;
    private final GenericDatumReader<GenericRecord> reader;
    private final Map<String, GenericRecord> latest = new HashMap<>();
    private BinaryDecoder decoder;

    public AvailabilityConsumer(String bootstrapServers, String groupId, Schema availability) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        // the engine writes in transactions: without this, records of aborted ones are read too
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        // a new service reads the whole compacted topic, then follows it
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class.getName());
        this.consumer = new KafkaConsumer<>(props);
        this.reader = new GenericDatumReader<>(availability);
        consumer.subscribe(List.of(TOPIC));
    }

    /** The self-contained schema, from the schemas jar on the class path. */
    public static Schema schemaFromClassPath() throws IOException {
        try (InputStream in =
                AvailabilityConsumer.class.getResourceAsStream(
                        "/avro-self-contained/Availability.avsc")) {
            if (in == null) {
                throw new IOException(
                        "avro-self-contained/Availability.avsc not on the class path");
            }
            return new Schema.Parser().parse(in);
        }
    }

    /** Reads one batch and returns the records that changed a key's latest value. */
    public List<GenericRecord> poll(Duration timeout) throws IOException {
        List<GenericRecord> changes = new java.util.ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : consumer.poll(timeout)) {
            if (record.value() == null) {
                continue; // the engine writes no tombstones; skip one a tool might have written
            }
            // the value is plain Avro binary: no magic byte, no schema id, no length prefix
            decoder = DecoderFactory.get().binaryDecoder(record.value(), decoder);
            GenericRecord value = reader.read(null, decoder);
            GenericRecord known = latest.get(record.key());
            // versions rise per key; after a restore the generation (high 32 bits) rises, so a
            // replayed record outranks everything published before it: keep the highest
            if (known == null || (long) value.get("version") > (long) known.get("version")) {
                latest.put(record.key(), value);
                changes.add(value);
            }
        }
        return changes;
    }

    /** The latest record per key ({@code sku|node}) read so far. */
    public Map<String, GenericRecord> latest() {
        return latest;
    }

    @Override
    public void close() {
        consumer.close();
    }

    public static void main(String[] args) throws IOException {
        String bootstrap = args.length > 0 ? args[0] : "localhost:9092";
        try (AvailabilityConsumer availability =
                new AvailabilityConsumer(bootstrap, "my-service", schemaFromClassPath())) {
            while (true) {
                for (GenericRecord r : availability.poll(Duration.ofSeconds(1))) {
                    System.out.printf(
                            "%s at %s: atp %d (on hand %d, reserved %d), version %d, as of %s%n",
                            r.get("sku"),
                            r.get("nodeId"),
                            r.get("atp"),
                            r.get("onHand"),
                            r.get("reserved"),
                            r.get("version"),
                            java.time.Instant.ofEpochMilli((long) r.get("eventTime")));
                }
            }
        }
    }
}
