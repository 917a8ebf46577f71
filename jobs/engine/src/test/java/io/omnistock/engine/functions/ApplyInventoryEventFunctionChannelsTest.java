package io.omnistock.engine.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.omnistock.avro.Availability;
import io.omnistock.avro.ChannelAvailability;
import io.omnistock.avro.ChannelControlKind;
import io.omnistock.avro.ChannelScope;
import io.omnistock.avro.NodeType;
import io.omnistock.domain.channels.Channel;
import io.omnistock.domain.channels.ChannelControl;
import java.time.Instant;
import java.util.List;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A sales channel's definition changing in the ledger function (harness, RocksDB): it republishes,
 * for every SKU of the subtask, the channel figures it moved (all of them when the channel is new),
 * at the positions' own versions, with the SKU's network figure on the channel.
 */
class ApplyInventoryEventFunctionChannelsTest {
    private static final long T0 = Instant.parse("2026-03-02T08:00:00Z").toEpochMilli();
    private static final long MINUTE = 60_000;

    private KeyedBroadcastOperatorTestHarness<String, SourcedEvent, SourcedEvent, Availability>
            harness;

    @BeforeEach
    void open() throws Exception {
        harness = LedgerHarness.open(1);
        node("S1", NodeType.STORE, 2);
        node("D1", NodeType.DC, 0);
        receipt("SKU-1", "S1", 10);
        receipt("SKU-1", "D1", 10);
        receipt("SKU-2", "S1", 10);
        harness.getOutput().clear();
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    @Test
    void aNewChannelPublishesEveryPositionAndAChangePublishesWhatItMoved() throws Exception {
        channel(storeBuffer(3, T0));

        // ATP 10 - 2 at S1, 10 at D1; the buffer holds back 3 at stores only
        assertThat(published())
                .containsExactlyInAnyOrder(
                        "SKU-1|S1 atp=8 ats=5 v1",
                        "SKU-1|D1 atp=10 ats=10 v1",
                        "SKU-1|- atp=18 ats=15",
                        "SKU-2|S1 atp=8 ats=5 v1",
                        "SKU-2|- atp=8 ats=5");

        harness.getSideOutput(LedgerOutputs.CHANNELS).clear();
        channel(storeBuffer(4, T0 + MINUTE));

        assertThat(published())
                .as("D1's figure did not move")
                .containsExactlyInAnyOrder(
                        "SKU-1|S1 atp=8 ats=4 v1",
                        "SKU-1|- atp=18 ats=14",
                        "SKU-2|S1 atp=8 ats=4 v1",
                        "SKU-2|- atp=8 ats=4");

        harness.getSideOutput(LedgerOutputs.CHANNELS).clear();
        channel(storeBuffer(1, T0)); // an older version, arriving late
        assertThat(published()).isEmpty();
        assertThat(harness.extractOutputValues()).as("ATP itself never moves").isEmpty();
    }

    private List<String> published() {
        return harness.getSideOutput(LedgerOutputs.CHANNELS) == null
                ? List.of()
                : harness.getSideOutput(LedgerOutputs.CHANNELS).stream()
                        .map(StreamRecord::getValue)
                        .map(ApplyInventoryEventFunctionChannelsTest::describe)
                        .toList();
    }

    private static String describe(ChannelAvailability a) {
        return a.getSku()
                + "|"
                + (a.getNodeId() == null ? "-" : a.getNodeId())
                + " atp="
                + a.getAtp()
                + " ats="
                + a.getAts()
                + (a.getNodeId() == null ? "" : " v" + (a.getVersion() & 0xFFFF_FFFFL));
    }

    private static Channel storeBuffer(long units, long at) {
        ChannelControl buffer = new ChannelControl();
        buffer.kind = ChannelControlKind.BUFFER;
        buffer.scope = ChannelScope.NODE_TYPE;
        buffer.nodeType = NodeType.STORE;
        buffer.units = units;
        return new Channel("MARKETPLACE", at, List.of(buffer));
    }

    private void channel(Channel channel) throws Exception {
        harness.processBroadcastElement(SourcedEvent.of(channel), channel.updatedAt);
    }

    private void node(String id, NodeType type, long safetyStock) throws Exception {
        LedgerHarness.node(harness, id, type, safetyStock, T0 - MINUTE);
    }

    private void receipt(String sku, String nodeId, long units) throws Exception {
        LedgerHarness.receipt(harness, sku, nodeId, units, T0 - MINUTE);
    }
}
