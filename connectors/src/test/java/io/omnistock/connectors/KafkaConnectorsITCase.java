package io.omnistock.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import io.omnistock.avro.PosEvent;
import io.omnistock.avro.PosEventType;
import io.omnistock.contracts.AvroCodec;
import io.omnistock.contracts.DecodeException;
import io.omnistock.contracts.TopicAdmin;
import io.omnistock.contracts.TopicSpec;
import io.omnistock.contracts.Topics;
import io.omnistock.testing.EmbeddedKafkaBroker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The sources, sinks and topic admin against a real broker and a real Flink cluster. */
class KafkaConnectorsITCase {
    private static final int PARTITIONS = 2;
    private static final int RECORDS = 200;
    private static final Instant BEGINNING = Instant.parse("2026-11-23T08:00:00Z");
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    /** The job's output: a copy of inventory.pos keyed by SKU. */
    private static final TopicSpec<PosEvent> POS_COPY =
            new TopicSpec<>("it.pos-copy", PosEvent.class, false);

    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(2)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    private static EmbeddedKafkaBroker kafka;

    @BeforeAll
    static void startKafka() throws Exception {
        kafka = EmbeddedKafkaBroker.start();
        List<TopicSpec<?>> topics = new ArrayList<>(Topics.all());
        topics.add(POS_COPY);
        TopicAdmin.createTopics(kafka.bootstrapServers(), new Properties(), topics, PARTITIONS);
    }

    @AfterAll
    static void stopKafka() throws Exception {
        kafka.close();
    }

    @Test
    void createsTopicsIdempotentlyWithTheirCleanupPolicy() throws Exception {
        Configuration conf = new Configuration();
        conf.set(KafkaOptions.BOOTSTRAP_SERVERS, kafka.bootstrapServers());
        KafkaTopics.ensureLedgerTopics(conf, 5); // the topics exist: nothing changes

        try (Admin admin = admin()) {
            Map<String, Integer> partitions =
                    admin
                            .describeTopics(names(Topics.all()))
                            .allTopicNames()
                            .get()
                            .values()
                            .stream()
                            .collect(Collectors.toMap(d -> d.name(), d -> d.partitions().size()));
            assertThat(partitions).hasSize(Topics.all().size());
            assertThat(partitions.values()).containsOnly(PARTITIONS);

            Map<ConfigResource, Config> configs =
                    admin.describeConfigs(
                                    Topics.all().stream()
                                            .map(t -> topicResource(t.name()))
                                            .toList())
                            .all()
                            .get();
            for (TopicSpec<?> topic : Topics.all()) {
                Config config = configs.get(topicResource(topic.name()));
                if (topic.compacted()) {
                    assertThat(config.get("cleanup.policy").value())
                            .as(topic.name())
                            .isEqualTo("compact");
                } else {
                    assertThat(config.get("cleanup.policy").value())
                            .as(topic.name())
                            .isEqualTo("delete");
                    assertThat(config.get("retention.ms").value())
                            .as(topic.name())
                            .isEqualTo(Long.toString(Duration.ofDays(30).toMillis()));
                }
            }
        }
    }

    @Test
    void copiesEveryRecordExactlyOnceWithItsKeyAndTimestamp() throws Exception {
        List<PosEvent> sales =
                IntStream.range(0, RECORDS).mapToObj(KafkaConnectorsITCase::sale).toList();
        produce(Topics.POS, sales);

        Configuration conf = new Configuration();
        conf.set(KafkaOptions.BOOTSTRAP_SERVERS, kafka.bootstrapServers());
        conf.set(KafkaOptions.GROUP_ID, "it-connectors");
        conf.set(KafkaOptions.STARTING_OFFSETS, KafkaOptions.StartingOffsets.EARLIEST);
        conf.set(KafkaOptions.DELIVERY_MODE, KafkaOptions.DeliveryMode.EXACTLY_ONCE);
        conf.set(KafkaOptions.TRANSACTIONAL_ID_PREFIX, "it");
        conf.setString(KafkaOptions.CLIENT_PREFIX + "client.dns.lookup", "use_all_dns_ips");

        // Pipeline options reach a job through its environment, not the cluster configuration.
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(
                        Configuration.fromMap(
                                Map.of(PipelineOptions.GENERIC_TYPES.key(), "false")));
        assertThat(env.getConfig().getSerializerConfig().hasGenericTypesDisabled()).isTrue();
        env.setParallelism(2);
        env.enableCheckpointing(200);
        env.fromSource(
                        KafkaSources.source(conf, new PosEventDeserializer(), List.of(Topics.POS)),
                        WatermarkStrategy.noWatermarks(),
                        "read-pos")
                .uid("read-pos")
                .sinkTo(KafkaSinks.sink(conf, POS_COPY, PosEvent::getSku))
                .name("write-pos-copy")
                .uid("write-pos-copy");

        JobClient job = env.executeAsync("kafka-connectors-it");
        List<ConsumerRecord<byte[], byte[]>> copied;
        List<String> transactionalIds;
        try {
            copied = readCommitted(POS_COPY, RECORDS);
            transactionalIds = transactionalIds();
        } finally {
            job.cancel().get();
        }

        var codec = POS_COPY.codec();
        List<PosEvent> values = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : copied) {
            PosEvent value = codec.decode(record.value());
            values.add(value);
            assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo(value.getSku());
            assertThat(record.timestamp())
                    .as("stamped when written, not with the event time")
                    .isGreaterThan(value.getEventTime().toEpochMilli());
        }
        assertThat(values).containsExactlyInAnyOrderElementsOf(sales);
        assertThat(transactionalIds).anyMatch(id -> id.startsWith("it-" + POS_COPY.name()));
    }

    private static PosEvent sale(int i) {
        return PosEvent.newBuilder()
                .setEventId("sale-" + i)
                .setEventTime(BEGINNING.plusSeconds(i))
                .setSku("sku-" + (i % 7))
                .setNodeId("store-" + (i % 3))
                .setType(PosEventType.SALE)
                .setQuantity(1 + i % 5)
                .build();
    }

    private static void produce(TopicSpec<PosEvent> topic, List<PosEvent> values) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        var codec = topic.codec();
        try (var producer =
                new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (PosEvent value : values) {
                producer.send(
                        new ProducerRecord<>(
                                topic.name(),
                                null,
                                value.getEventTime().toEpochMilli(),
                                value.getSku().getBytes(StandardCharsets.UTF_8),
                                codec.encode(value)));
            }
            producer.flush();
        }
    }

    /**
     * Reads {@code topic} from the beginning as a read_committed consumer until it has {@code
     * count} records and has reached the end of every partition, or fails at the deadline.
     */
    private static List<ConsumerRecord<byte[], byte[]>> readCommitted(
            TopicSpec<?> topic, int count) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (var consumer =
                new KafkaConsumer<>(
                        props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions =
                    IntStream.range(0, PARTITIONS)
                            .mapToObj(p -> new TopicPartition(topic.name(), p))
                            .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + DEADLINE.toNanos();
            while (records.size() < count || !atEnd(consumer, partitions)) {
                assertThat(System.nanoTime() - deadline)
                        .as("read %d of %d records within %s", records.size(), count, DEADLINE)
                        .isNegative();
                consumer.poll(Duration.ofMillis(100)).forEach(records::add);
            }
        }
        return records;
    }

    private static boolean atEnd(
            KafkaConsumer<byte[], byte[]> consumer, Collection<TopicPartition> partitions) {
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
        return partitions.stream().allMatch(p -> consumer.position(p) >= ends.get(p));
    }

    private static List<String> transactionalIds() throws Exception {
        try (Admin admin = admin()) {
            return admin.listTransactions().all().get().stream()
                    .map(TransactionListing::transactionalId)
                    .toList();
        }
    }

    private static Admin admin() {
        return Admin.create(
                Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
    }

    private static Set<String> names(Collection<TopicSpec<?>> topics) {
        return topics.stream().map(TopicSpec::name).collect(Collectors.toSet());
    }

    private static ConfigResource topicResource(String name) {
        return new ConfigResource(ConfigResource.Type.TOPIC, name);
    }

    /** Decodes inventory.pos values; a record that does not decode fails the job. */
    private static final class PosEventDeserializer
            implements KafkaRecordDeserializationSchema<PosEvent> {
        private transient AvroCodec<PosEvent> codec;

        @Override
        public void open(DeserializationSchema.InitializationContext context) {
            codec = Topics.POS.codec();
        }

        @Override
        public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<PosEvent> out)
                throws IOException {
            try {
                out.collect(codec.decode(record.value()));
            } catch (DecodeException e) {
                throw new IOException(e);
            }
        }

        @Override
        public TypeInformation<PosEvent> getProducedType() {
            return TypeInformation.of(PosEvent.class);
        }
    }
}
