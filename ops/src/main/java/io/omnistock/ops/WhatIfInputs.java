package io.omnistock.ops;

import io.omnistock.avro.Availability;
import io.omnistock.avro.NodeRecord;
import io.omnistock.avro.OrderRequest;
import io.omnistock.avro.SkuRecord;
import io.omnistock.avro.SourcingRuleSet;
import io.omnistock.contracts.AvroCodec;
import io.omnistock.contracts.DecodeException;
import io.omnistock.contracts.Topics;
import io.omnistock.domain.sourcing.RuleSetException;
import io.omnistock.ledger.domain.NodeInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.LongConsumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * What {@code omnistock what-if} reads from the cluster, each topic once, as of the start of the
 * read, with a consumer that joins no group, commits nothing and reads only committed records: the
 * nodes (network.nodes, the newest record per node), the opening stock (inventory.availability, the
 * highest version per SKU x node), the SKUs' categories (reference.skus, the newest per SKU), the
 * rule set in force (routing.rules) and the recorded orders (orders.requests).
 */
final class WhatIfInputs {
    private static final Duration POLL = Duration.ofMillis(200);

    private final Properties consumer;

    WhatIfInputs(Properties consumerProperties) {
        this.consumer = consumerProperties;
    }

    /** The network's nodes as routing sees them. */
    List<NodeInfo> nodes() {
        Map<String, NodeRecord> newest = new HashMap<>();
        read(
                Topics.NODES.codec(),
                Topics.NODES.name(),
                (NodeRecord r) ->
                        newest.merge(
                                r.getNodeId(),
                                r,
                                (a, b) -> b.getEventTime().isBefore(a.getEventTime()) ? a : b));
        return newest.values().stream()
                .sorted(Comparator.comparing(NodeRecord::getNodeId))
                .map(NodeInfo::of)
                .toList();
    }

    /** ATP per {@code sku|node}: the highest version of each key. */
    Map<String, Long> stock() {
        Map<String, Availability> newest = new HashMap<>();
        read(
                Topics.AVAILABILITY.codec(),
                Topics.AVAILABILITY.name(),
                (Availability a) ->
                        newest.merge(
                                Topics.positionKey(a.getSku(), a.getNodeId()),
                                a,
                                (x, y) -> y.getVersion() >= x.getVersion() ? y : x));
        Map<String, Long> atp = new HashMap<>();
        newest.forEach((key, a) -> atp.put(key, a.getAtp()));
        return atp;
    }

    /** The category of every SKU on reference.skus (the newest record per SKU). */
    Map<String, String> categories() {
        Map<String, SkuRecord> newest = new HashMap<>();
        read(
                Topics.SKUS.codec(),
                Topics.SKUS.name(),
                (SkuRecord r) ->
                        newest.merge(
                                r.getSku(),
                                r,
                                (a, b) -> b.getEventTime().isBefore(a.getEventTime()) ? a : b));
        Map<String, String> categories = new HashMap<>();
        newest.forEach((sku, r) -> categories.put(sku, r.getCategory()));
        return categories;
    }

    /**
     * The rule set in force: the last one published on routing.rules that reads (as routing takes
     * them: one that does not read leaves the previous in force); null when none does.
     */
    SourcingRuleSet currentRules() {
        List<SourcingRuleSet> published = new ArrayList<>();
        read(Topics.ROUTING_RULES.codec(), Topics.ROUTING_RULES.name(), published::add);
        SourcingRuleSet current = null;
        for (SourcingRuleSet set : published) {
            try {
                io.omnistock.domain.sourcing.SourcingRuleSet.parse(
                        set.getRuleSetId(), set.getVersion(), set.getText());
                current = set;
            } catch (RuleSetException e) {
                // routing dead-lettered it and kept the one before
            }
        }
        return current;
    }

    /** What {@link #orders} read. */
    record Orders(List<OrderRequest> orders, long undecodable, long offsets) {}

    /**
     * The orders on orders.requests written at or after {@code since} (from the beginning when
     * null) up to the end now, at most {@code limit} per partition, then in event-time order and
     * cut to {@code limit}.
     */
    Orders orders(Instant since, int limit, LongConsumer total, LongConsumer progress) {
        String topic = Topics.ORDER_REQUESTS.name();
        AvroCodec<OrderRequest> codec = Topics.ORDER_REQUESTS.codec();
        List<ConsumerRecord<String, byte[]>> raw = new ArrayList<>();
        long offsets;
        try (KafkaConsumer<String, byte[]> kafka = newConsumer()) {
            List<TopicPartition> partitions = TopicSnapshotReader.partitionsOf(kafka, topic);
            kafka.assign(partitions);
            Map<TopicPartition, Long> end = kafka.endOffsets(partitions);
            Map<TopicPartition, Long> start = new LinkedHashMap<>();
            if (since == null) {
                start.putAll(kafka.beginningOffsets(partitions));
            } else {
                Map<TopicPartition, Long> times = new HashMap<>();
                partitions.forEach(p -> times.put(p, since.toEpochMilli()));
                Map<TopicPartition, OffsetAndTimestamp> at = kafka.offsetsForTimes(times);
                for (TopicPartition p : partitions) {
                    OffsetAndTimestamp found = at.get(p);
                    start.put(p, found == null ? end.get(p) : found.offset());
                }
            }
            start.forEach(kafka::seek);
            offsets = partitions.stream().mapToLong(p -> end.get(p) - start.get(p)).sum();
            total.accept(offsets);
            Map<TopicPartition, Integer> taken = new HashMap<>();
            long seen = 0;
            while (!done(kafka, partitions, end, taken, limit)) {
                for (ConsumerRecord<String, byte[]> record : kafka.poll(POLL)) {
                    TopicPartition p = new TopicPartition(topic, record.partition());
                    if (record.offset() < end.get(p) && taken.getOrDefault(p, 0) < limit) {
                        raw.add(record);
                        taken.merge(p, 1, Integer::sum);
                        progress.accept(++seen);
                    }
                }
            }
        }
        List<OrderRequest> orders = new ArrayList<>();
        long undecodable = 0;
        for (ConsumerRecord<String, byte[]> record : raw) {
            if (record.value() == null) {
                undecodable++;
                continue;
            }
            try {
                orders.add(RecordValues.tryDecode(codec, record));
            } catch (DecodeException e) {
                undecodable++;
            }
        }
        orders.sort(Comparator.comparing(OrderRequest::getEventTime)); // stable: partition order
        return new Orders(
                orders.size() > limit ? orders.subList(0, limit) : orders, undecodable, offsets);
    }

    private static boolean done(
            KafkaConsumer<?, ?> kafka,
            List<TopicPartition> partitions,
            Map<TopicPartition, Long> end,
            Map<TopicPartition, Integer> taken,
            int limit) {
        for (TopicPartition p : partitions) {
            if (taken.getOrDefault(p, 0) < limit && kafka.position(p) < end.get(p)) {
                return false;
            }
        }
        return true;
    }

    private KafkaConsumer<String, byte[]> newConsumer() {
        return new KafkaConsumer<>(consumer, new StringDeserializer(), new ByteArrayDeserializer());
    }

    private <V extends org.apache.avro.specific.SpecificRecord> void read(
            AvroCodec<V> codec, String topic, java.util.function.Consumer<V> each) {
        TopicSnapshotReader.read(
                consumer,
                topic,
                record -> {
                    if (record.value() == null) {
                        return; // a tombstone
                    }
                    try {
                        each.accept(RecordValues.tryDecode(codec, record));
                    } catch (DecodeException e) {
                        // the engine dead-letters it too: not part of the state it routes on
                    }
                });
    }
}
