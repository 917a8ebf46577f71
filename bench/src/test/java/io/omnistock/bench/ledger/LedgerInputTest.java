package io.omnistock.bench.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.omnistock.domain.inventory.InMemorySkuState;
import io.omnistock.domain.inventory.LedgerSettings;
import io.omnistock.domain.inventory.SkuLedger;
import io.omnistock.engine.functions.InventoryDeserializationSchema;
import io.omnistock.engine.functions.SourcedEvent;
import io.omnistock.ledger.domain.NodeInfo;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * The benchmark's input is what the ledger accepts: every record decodes through the job's own
 * deserializer, is keyed and partitioned by its SKU, and applies to the domain ledger without a
 * rejection; counts and duplicates come in the described shares.
 */
class LedgerInputTest {
    private static final int SKUS = 40;
    private static final long EVENTS = 20_000;

    private final LedgerInput input = LedgerInput.generate(SKUS, EVENTS, 2, 3);

    @Test
    void everyRecordDecodesKeyedAndPartitionedByItsSku() {
        Decoder decoder = new Decoder();
        for (int i = 0; i < input.nodeRecords(); i++) {
            assertThat(decoder.decode(input.nodeRecord(i)).node).isNotNull();
        }
        Map<String, Integer> partitionOfSku = new HashMap<>();
        long records = 0;
        for (int p = 0; p < input.partitionCount(); p++) {
            LedgerInput.Partition partition = input.partition(p);
            for (int offset = 0; offset < partition.size(); offset++) {
                SourcedEvent in = decoder.decode(partition.record(p, offset));
                assertThat(in.rejection).as(in.rejectionMessage).isNull();
                assertThat(in.key).isEqualTo(in.event.sku);
                assertThat(partitionOfSku.computeIfAbsent(in.event.sku, sku -> in.partition))
                        .isEqualTo(p);
                assertThat(in.event.eventTime).isLessThanOrEqualTo(input.maxEventTime);
                records++;
            }
        }
        assertThat(input.nodeRecords()).isEqualTo(LedgerInput.NODES);
        assertThat(records).isEqualTo(EVENTS).isEqualTo(input.events);
        assertThat(partitionOfSku).hasSize(SKUS);
    }

    @Test
    void countsAndDuplicatesComeInTheirShares() {
        assertThat((double) input.counts / EVENTS).isBetween(0.12, 0.22);
        assertThat((double) input.duplicates / EVENTS).isBetween(0.005, 0.015);
        Set<String> values = new HashSet<>();
        long repeated = 0;
        for (int p = 0; p < input.partitionCount(); p++) {
            LedgerInput.Partition partition = input.partition(p);
            for (int offset = 0; offset < partition.size(); offset++) {
                if (!values.add(Arrays.toString(partition.record(p, offset).value()))) {
                    repeated++;
                }
            }
        }
        assertThat(repeated).isEqualTo(input.duplicates);
    }

    @Test
    void theDomainLedgerAppliesEveryEventOnceAndRejectsNone() {
        Decoder decoder = new Decoder();
        Map<String, NodeInfo> nodes = new HashMap<>();
        for (int i = 0; i < input.nodeRecords(); i++) {
            NodeInfo node = decoder.decode(input.nodeRecord(i)).node;
            nodes.put(node.nodeId, node);
        }
        SkuLedger ledger = new SkuLedger(LedgerSettings.defaults());
        Map<String, InMemorySkuState> skus = new HashMap<>();
        Map<SkuLedger.Outcome, Long> outcomes = new EnumMap<>(SkuLedger.Outcome.class);
        for (int p = 0; p < input.partitionCount(); p++) {
            LedgerInput.Partition partition = input.partition(p);
            for (int offset = 0; offset < partition.size(); offset++) {
                SourcedEvent in = decoder.decode(partition.record(p, offset));
                SkuLedger.Outcome outcome =
                        ledger.apply(
                                in.event,
                                nodes.get(in.event.nodeId),
                                System.currentTimeMillis(),
                                Long.MIN_VALUE,
                                skus.computeIfAbsent(
                                        in.event.sku, sku -> new InMemorySkuState(nodes)),
                                new CountingOutput());
                outcomes.merge(outcome, 1L, Long::sum);
            }
        }
        assertThat(outcomes)
                .containsOnlyKeys(SkuLedger.Outcome.APPLIED, SkuLedger.Outcome.DUPLICATE)
                .containsEntry(SkuLedger.Outcome.DUPLICATE, input.duplicates);
    }

    /** The job's deserializer, one record at a time. */
    private static final class Decoder implements Collector<SourcedEvent> {
        private final InventoryDeserializationSchema schema =
                new InventoryDeserializationSchema(LedgerSettings.defaults());
        private SourcedEvent last;

        Decoder() {
            schema.open(null);
        }

        SourcedEvent decode(ConsumerRecord<byte[], byte[]> record) {
            schema.deserialize(record, this);
            return last;
        }

        @Override
        public void collect(SourcedEvent record) {
            last = record;
        }

        @Override
        public void close() {}
    }
}
