package io.omnistock.engine.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.omnistock.avro.Availability;
import io.omnistock.avro.DeadLetter;
import io.omnistock.avro.DeadLetterReason;
import io.omnistock.avro.NetworkAvailability;
import io.omnistock.avro.NodeStatus;
import io.omnistock.avro.NodeType;
import io.omnistock.avro.SourceSystem;
import io.omnistock.domain.inventory.EventType;
import io.omnistock.domain.inventory.InventoryEvent;
import io.omnistock.domain.inventory.LedgerSettings;
import io.omnistock.domain.returns.Returns;
import io.omnistock.ledger.domain.NodeInfo;
import io.omnistock.ledger.domain.StockReply;
import io.omnistock.ledger.domain.StockRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.state.rocksdb.RocksDBKeyedStateBackend;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.util.OutputTag;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ApplyInventoryEventFunctionTest {
    private static final long T0 = Instant.parse("2026-03-02T08:00:00Z").toEpochMilli();
    private static final long MINUTE = 60_000;
    private static final long HOUR = 60 * MINUTE;
    private static final Duration GRACE = Duration.ofSeconds(5);

    /** One summary on the heap: every change of SKU reloads from the state backend. */
    private static final int CACHE_ENTRIES = 1;

    private static final AtomicLong OFFSETS = new AtomicLong();

    private KeyedBroadcastOperatorTestHarness<String, SourcedEvent, SourcedEvent, Availability>
            harness;

    @BeforeEach
    void open() throws Exception {
        harness = harness(null);
        node("STORE-1", NodeType.STORE, NodeStatus.OPEN, 1);
        node("DC-1", NodeType.DC, NodeStatus.OPEN, 0);
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    @Test
    void publishesAvailabilityAndNetworkAvailabilityWithTheEventTime() throws Exception {
        send(event("r-1", "SKU-1", "DC-1", EventType.RECEIPT, 40, T0));
        send(event("s-1", "SKU-1", "STORE-1", EventType.RECEIPT, 6, T0 + MINUTE));

        List<StreamRecord<? extends Availability>> out = harness.extractOutputStreamRecords();
        assertThat(out).hasSize(2);
        Availability store = out.get(1).getValue();
        assertThat(store.getSku()).isEqualTo("SKU-1");
        assertThat(store.getNodeId()).isEqualTo("STORE-1");
        assertThat(store.getOnHand()).isEqualTo(6);
        assertThat(store.getSafetyStock()).isEqualTo(1);
        assertThat(store.getAtp()).isEqualTo(5);
        assertThat(store.getVersion()).isEqualTo(1);
        assertThat(store.getLastSource()).isEqualTo(SourceSystem.WMS);
        assertThat(store.getLastEventId()).isEqualTo("s-1");
        assertThat(out.get(1).getTimestamp()).isEqualTo(T0 + MINUTE);

        assertThat(values(LedgerOutputs.NETWORK))
                .extracting(NetworkAvailability::getNetworkAtp, NetworkAvailability::getVersion)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(40L, 1L),
                        org.assertj.core.groups.Tuple.tuple(45L, 2L));
    }

    @Test
    void everyCountComparedWithTheLedgerIsACountCheckInItsNodesRegion() throws Exception {
        NodeInfo dc = new NodeInfo("DC-1", NodeType.DC, NodeStatus.OPEN, 0);
        dc.region = "UK-MIDLANDS";
        dc.updatedAt = T0;
        harness.processBroadcastElement(SourcedEvent.of(dc), T0);
        send(event("r-1", "SKU-1", "DC-1", EventType.RECEIPT, 40, T0));
        send(event("c-1", "SKU-1", "DC-1", EventType.CYCLE_COUNT, 40, T0 + HOUR));
        send(event("c-2", "SKU-1", "DC-1", EventType.CYCLE_COUNT, 38, T0 + 2 * HOUR));
        assertThat(values(LedgerOutputs.COUNT_CHECKS)).as("judged in event time").isEmpty();

        harness.watermark(T0 + 2 * HOUR);

        assertThat(values(LedgerOutputs.COUNT_CHECKS))
                .extracting(
                        c -> c.getEventId(),
                        c -> c.getEventTime().toEpochMilli(),
                        c -> c.getSku() + "|" + c.getNodeId(),
                        c -> c.getRegion(),
                        c -> c.getCounted(),
                        c -> c.getMatched())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                "c-1", T0 + HOUR, "SKU-1|DC-1", "UK-MIDLANDS", 40L, true),
                        org.assertj.core.groups.Tuple.tuple(
                                "c-2", T0 + 2 * HOUR, "SKU-1|DC-1", "UK-MIDLANDS", 38L, false));
        assertThat(values(LedgerOutputs.DISCREPANCIES)).hasSize(1);
    }

    @Test
    void aSaleStampedBeforeACountThatArrivesAfterItCountsTowardTheCheckUntilTheWatermark()
            throws Exception {
        send(event("r-1", "SKU-1", "DC-1", EventType.RECEIPT, 40, T0));
        send(event("c-1", "SKU-1", "DC-1", EventType.CYCLE_COUNT, 36, T0 + HOUR));
        send(event("s-1", "SKU-1", "STORE-1", EventType.SALE, 1, T0 + HOUR)); // another position
        send(event("p-1", "SKU-1", "DC-1", EventType.PICK, 4, T0 + HOUR - MINUTE)); // late
        harness.watermark(T0 + HOUR - 1);
        assertThat(values(LedgerOutputs.COUNT_CHECKS)).isEmpty();

        harness.watermark(T0 + HOUR);
        send(event("p-2", "SKU-1", "DC-1", EventType.PICK, 1, T0 + HOUR - MINUTE)); // too late

        assertThat(values(LedgerOutputs.COUNT_CHECKS))
                .extracting(c -> c.getEventId(), c -> c.getMatched())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("c-1", true));
        assertThat(values(LedgerOutputs.DISCREPANCIES)).isEmpty();
        assertThat(position("SKU-1", "DC-1").onHand).isEqualTo(36);
        assertThat(position("SKU-1", "DC-1").pendingChecks).isEmpty();
    }

    @Test
    void aCheckRidesTheSkusExpiryTimerAndAPendingOneSurvivesARestore() throws Exception {
        send(event("r-1", "SKU-1", "DC-1", EventType.RECEIPT, 40, T0));
        assertThat(harness.numEventTimeTimers()).isEqualTo(1); // the expiry
        send(event("c-1", "SKU-1", "DC-1", EventType.CYCLE_COUNT, 35, T0 + HOUR));
        send(event("c-2", "SKU-1", "DC-1", EventType.CYCLE_COUNT, 30, T0 + 2 * HOUR));
        assertThat(harness.numEventTimeTimers())
                .as("the earliest check, not one per count")
                .isEqualTo(2);
        OperatorSubtaskState checkpoint = harness.snapshot(1, T0 + 2 * HOUR);
        harness.close();
        harness = restoredHarness(checkpoint);

        send(event("p-1", "SKU-1", "DC-1", EventType.PICK, 2, T0 + 90 * MINUTE)); // c-2's
        harness.watermark(T0 + 3 * HOUR);

        assertThat(values(LedgerOutputs.DISCREPANCIES))
                .extracting(d -> d.getEventId(), d -> d.getExpected(), d -> d.getCounted())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("c-1", 40L, 35L),
                        org.assertj.core.groups.Tuple.tuple("c-2", 33L, 30L));
        assertThat(harness.numEventTimeTimers()).as("only the expiry left").isEqualTo(1);
        harness.watermark(Long.MAX_VALUE);
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void settlingACheckReadsOnlyThePositionWithTheCheckDue() throws Exception {
        send(event("r-1", "SKU-1", "DC-1", EventType.RECEIPT, 40, T0));
        send(event("r-2", "SKU-1", "STORE-1", EventType.RECEIPT, 10, T0));
        long due = T0 + HOUR + MINUTE; // off the hour: a check timer, not an expiry
        send(event("c-1", "SKU-1", "DC-1", EventType.CYCLE_COUNT, 39, due));
        long reads = accumulator(LedgerMetrics.STATE_READS);
        long writes = accumulator(LedgerMetrics.STATE_WRITES);

        harness.watermark(due);

        assertThat(values(LedgerOutputs.DISCREPANCIES))
                .extracting(d -> d.getEventId(), d -> d.getExpected(), d -> d.getCounted())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("c-1", 40L, 39L));
        assertThat(accumulator(LedgerMetrics.STATE_READS) - reads)
                .as("DC-1's position, not STORE-1's")
                .isEqualTo(1);
        assertThat(accumulator(LedgerMetrics.STATE_WRITES) - writes).isEqualTo(1);
        assertThat(harness.numEventTimeTimers()).as("only the expiry left").isEqualTo(1);
    }

    @Test
    void pendingChecksSettleAtTheEndOfInput() throws Exception {
        send(event("r-1", "SKU-1", "DC-1", EventType.RECEIPT, 40, T0));
        send(event("c-1", "SKU-1", "DC-1", EventType.CYCLE_COUNT, 39, T0 + HOUR));

        harness.watermark(Long.MAX_VALUE);

        assertThat(values(LedgerOutputs.DISCREPANCIES)).hasSize(1);
        assertThat(values(LedgerOutputs.COUNT_CHECKS)).hasSize(1);
    }

    @Test
    void aDuplicateChangesNothingAndEmitsNothing() throws Exception {
        send(event("r-1", "SKU-1", "DC-1", EventType.RECEIPT, 40, T0));
        send(event("r-1", "SKU-1", "DC-1", EventType.RECEIPT, 40, T0));

        assertThat(harness.extractOutputValues()).hasSize(1);
        assertThat(values(LedgerOutputs.NETWORK)).hasSize(1);
    }

    @Test
    void aRejectedEventGoesToTheDeadLetterSideOutputWithItsOriginalBytes() throws Exception {
        SourcedEvent orphanVoid =
                sourced(
                        event("v-1", "SKU-1", "STORE-1", EventType.VOID, 0, T0)
                                .withReference("no-such-sale"));
        harness.processElement(orphanVoid, T0);

        DeadLetter dead = values(LedgerOutputs.DEAD_LETTERS).get(0);
        assertThat(dead.getReason()).isEqualTo(DeadLetterReason.UNKNOWN_SALE);
        assertThat(dead.getSourceTopic()).isEqualTo("inventory.pos");
        assertThat(dead.getOffset()).isEqualTo(orphanVoid.offset);
        assertThat(dead.getOriginalBytes().array()).isEqualTo(orphanVoid.bytes);
        assertThat(harness.extractOutputValues()).isEmpty();
    }

    @Test
    void anEventForANodeNotYetKnownWaitsForItsReferenceData() throws Exception {
        harness.setProcessingTime(0);
        send(event("r-1", "SKU-1", "DARK-1", EventType.RECEIPT, 7, T0));
        assertThat(harness.extractOutputValues()).isEmpty();

        node("DARK-1", NodeType.DARK_STORE, NodeStatus.OPEN, 0);
        harness.setProcessingTime(GRACE.toMillis());

        assertThat(harness.extractOutputValues())
                .extracting(Availability::getOnHand)
                .containsExactly(7L);
        assertThat(values(LedgerOutputs.DEAD_LETTERS)).isEmpty();
    }

    @Test
    void eventsArrivingWhileOthersAreHeldKeepTheirOrder() throws Exception {
        harness.setProcessingTime(0);
        send(event("sale-1", "SKU-1", "DARK-1", EventType.SALE, 2, T0));
        node("DARK-1", NodeType.DARK_STORE, NodeStatus.OPEN, 0);
        send(
                event("void-1", "SKU-1", "DARK-1", EventType.VOID, 0, T0 + MINUTE)
                        .withReference("sale-1"));
        assertThat(harness.extractOutputValues()).isEmpty();

        harness.setProcessingTime(GRACE.toMillis());

        assertThat(values(LedgerOutputs.DEAD_LETTERS)).isEmpty();
        assertThat(harness.extractOutputValues())
                .extracting(Availability::getOnHand)
                .containsExactly(-2L, 0L);
    }

    @Test
    void anEventForANodeThatNeverArrivesIsDeadLetteredAfterTheGrace() throws Exception {
        harness.setProcessingTime(0);
        send(event("r-1", "SKU-1", "NOWHERE", EventType.RECEIPT, 7, T0));
        harness.setProcessingTime(GRACE.toMillis());

        assertThat(values(LedgerOutputs.DEAD_LETTERS))
                .extracting(DeadLetter::getReason)
                .containsExactly(DeadLetterReason.UNKNOWN_NODE);
        assertThat(harness.numProcessingTimeTimers()).isZero();
        assertThat(harness.extractOutputValues()).isEmpty();
    }

    @Test
    void aNodeStatusChangeRepublishesEverySkuAtThatNode() throws Exception {
        send(event("r-1", "SKU-1", "DC-1", EventType.RECEIPT, 40, T0));
        send(event("r-2", "SKU-2", "DC-1", EventType.RECEIPT, 30, T0));
        send(event("r-3", "SKU-2", "STORE-1", EventType.RECEIPT, 3, T0));

        NodeInfo closed = new NodeInfo("DC-1", NodeType.DC, NodeStatus.CLOSED, 0);
        closed.updatedAt = T0 + HOUR;
        harness.processBroadcastElement(SourcedEvent.of(closed), T0 + HOUR);

        List<NetworkAvailability> network = values(LedgerOutputs.NETWORK);
        assertThat(network.subList(network.size() - 2, network.size()))
                .extracting(NetworkAvailability::getSku, NetworkAvailability::getNetworkAtp)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("SKU-1", 0L),
                        org.assertj.core.groups.Tuple.tuple("SKU-2", 2L));
    }

    @Test
    void anOlderNodeRecordDoesNotOverrideANewerOne() throws Exception {
        NodeInfo stale = new NodeInfo("DC-1", NodeType.DC, NodeStatus.CLOSED, 0);
        stale.updatedAt = T0 - 48 * HOUR; // older than the record the setup sent
        harness.processBroadcastElement(SourcedEvent.of(stale), stale.updatedAt);

        assertThat(harness.getBroadcastState(ApplyInventoryEventFunction.NODES).get("DC-1").status)
                .isEqualTo(NodeStatus.OPEN);
    }

    @Test
    void dedupeEntriesAndDeltaBuffersExpireWithTheWatermark() throws Exception {
        send(event("r-1", "SKU-1", "DC-1", EventType.RECEIPT, 40, T0));
        send(event("s-1", "SKU-1", "DC-1", EventType.PICK, 4, T0 + MINUTE));
        send(event("r-2", "SKU-2", "DC-1", EventType.RECEIPT, 9, T0 + 2 * MINUTE));
        // per SKU: its position at DC-1 (with the ids applied there) and its summary
        assertThat(keyedStateEntries()).isEqualTo(4);
        assertThat(position("SKU-1", "DC-1").hasApplied("s-1")).isTrue();
        assertThat(harness.numEventTimeTimers()).isEqualTo(2);

        harness.watermark(T0 + 50 * HOUR);

        assertThat(keyedStateEntries()).isEqualTo(4); // positions and summaries are the ledger
        assertThat(position("SKU-1", "DC-1").hasApplied("s-1")).isFalse();
        assertThat(position("SKU-1", "DC-1").recentDeltas).isEmpty();
        assertThat(harness.numEventTimeTimers()).isZero();

        // the dedupe window is gone, but the horizon now rejects the old event as too late
        send(event("r-1", "SKU-1", "DC-1", EventType.RECEIPT, 40, T0));
        assertThat(values(LedgerOutputs.DEAD_LETTERS))
                .extracting(DeadLetter::getReason)
                .containsExactly(DeadLetterReason.TOO_LATE);
    }

    @Test
    void aDeltaAtAKnownPositionReadsAndWritesOnlyThatPosition() throws Exception {
        send(event("r-1", "SKU-1", "DC-1", EventType.RECEIPT, 40, T0));
        long reads = accumulator(LedgerMetrics.STATE_READS);
        long writes = accumulator(LedgerMetrics.STATE_WRITES);
        long timers = accumulator(LedgerMetrics.TIMERS_REGISTERED);

        send(event("p-1", "SKU-1", "DC-1", EventType.PICK, 4, T0 + MINUTE));

        assertThat(accumulator(LedgerMetrics.STATE_READS) - reads).isEqualTo(1); // the position
        assertThat(accumulator(LedgerMetrics.STATE_WRITES) - writes)
                .as("the position; the moved network totals are derived from the positions")
                .isEqualTo(1);
        assertThat(accumulator(LedgerMetrics.TIMERS_REGISTERED) - timers).isZero();
        assertThat(timers).isEqualTo(1); // the first event's expiry timer
    }

    @Test
    void networkTotalsRebuiltFromThePositionsCarryOnWhereTheyWere() throws Exception {
        send(event("r-1", "SKU-1", "DC-1", EventType.RECEIPT, 40, T0));
        send(event("r-2", "SKU-2", "DC-1", EventType.RECEIPT, 9, T0)); // evicts SKU-1's summary
        send(event("s-1", "SKU-1", "STORE-1", EventType.RECEIPT, 6, T0 + MINUTE));

        assertThat(values(LedgerOutputs.NETWORK))
                .filteredOn(n -> n.getSku().equals("SKU-1"))
                .extracting(NetworkAvailability::getNetworkAtp, NetworkAvailability::getVersion)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(40L, 1L),
                        org.assertj.core.groups.Tuple.tuple(45L, 2L));
    }

    @Test
    void aNodeClosingWithNoFigureChangeStillLeavesTheNetworkForGood() throws Exception {
        send(event("r-1", "SKU-1", "DC-1", EventType.RECEIPT, 40, T0));
        send(event("r-2", "SKU-1", "STORE-1", EventType.RECEIPT, 6, T0));
        NodeInfo closed = new NodeInfo("DC-1", NodeType.DC, NodeStatus.CLOSED, 0);
        closed.updatedAt = T0 + MINUTE;
        harness.processBroadcastElement(SourcedEvent.of(closed), closed.updatedAt);
        send(event("r-3", "SKU-2", "DC-1", EventType.RECEIPT, 9, T0)); // evicts SKU-1's summary
        send(event("p-1", "SKU-1", "DC-1", EventType.PICK, 1, T0 + 2 * MINUTE));

        List<NetworkAvailability> network =
                values(LedgerOutputs.NETWORK).stream()
                        .filter(n -> n.getSku().equals("SKU-1"))
                        .toList();
        assertThat(network)
                .extracting(NetworkAvailability::getNetworkAtp)
                .containsExactly(40L, 45L, 5L);
        assertThat(network).extracting(NetworkAvailability::getVersion).isSorted();
    }

    @Test
    void aProbeIsAnsweredFromTheHeapWithoutReadingThePositions() throws Exception {
        send(event("r-1", "SKU-1", "DC-1", EventType.RECEIPT, 40, T0));
        send(event("r-2", "SKU-1", "STORE-1", EventType.RECEIPT, 6, T0));
        NodeInfo closed = new NodeInfo("STORE-1", NodeType.STORE, NodeStatus.CLOSED, 1);
        closed.updatedAt = T0 + MINUTE;
        harness.processBroadcastElement(SourcedEvent.of(closed), closed.updatedAt);
        long reads = accumulator(LedgerMetrics.STATE_READS);

        StockRequest probe =
                new StockRequest(
                        "O-1/probe", T0 + MINUTE, "O-1", "SKU-1", StockRequest.Action.PROBE, 1);
        harness.processElement(SourcedEvent.of(probe), T0 + MINUTE);

        StockReply reply = values(LedgerOutputs.STOCK_REPLIES).get(0).reply;
        assertThat(reply.knownSku).isTrue();
        assertThat(reply.units)
                .extracting(u -> u.nodeId + "=" + u.units)
                .containsExactly("DC-1=40");
        assertThat(accumulator(LedgerMetrics.STATE_READS) - reads).isZero();
    }

    @Test
    void aDuplicateCostsOneReadAndNoWrite() throws Exception {
        send(event("r-1", "SKU-1", "DC-1", EventType.RECEIPT, 40, T0));
        long reads = accumulator(LedgerMetrics.STATE_READS);
        long writes = accumulator(LedgerMetrics.STATE_WRITES);

        send(event("r-1", "SKU-1", "DC-1", EventType.RECEIPT, 40, T0));

        assertThat(accumulator(LedgerMetrics.STATE_READS) - reads).isEqualTo(1);
        assertThat(accumulator(LedgerMetrics.STATE_WRITES) - writes).isZero();
    }

    @Test
    void eventIdsOfTheEarlierPerSkuDedupeMapStayDuplicatesUntilTheyExpire() throws Exception {
        // the state a savepoint of the earlier layout restores to: the id in the per-SKU map and a
        // summary migrated with its ids not looked at yet
        plant("SKU-1", ApplyInventoryEventFunction.SEEN).put("r-old", T0);
        SkuSummary migrated = new SkuSummary();
        migrated.legacyDedupeUntil = SkuSummary.LEGACY_IDS_UNKNOWN;
        plant("SKU-1", ApplyInventoryEventFunction.SUMMARY).update(migrated);

        send(event("r-old", "SKU-1", "DC-1", EventType.RECEIPT, 40, T0));
        send(event("r-new", "SKU-1", "DC-1", EventType.RECEIPT, 5, T0 + 30 * HOUR));

        assertThat(harness.extractOutputValues())
                .extracting(Availability::getLastEventId)
                .containsExactly("r-new");
        assertThat(plant("SKU-1", ApplyInventoryEventFunction.SEEN).contains("r-old")).isTrue();

        harness.watermark(T0 + 80 * HOUR); // r-new's expiry timer: r-old is long past the horizon

        assertThat(plant("SKU-1", ApplyInventoryEventFunction.SEEN).isEmpty()).isTrue();
        assertThat(plant("SKU-1", ApplyInventoryEventFunction.SUMMARY).value().legacyDedupeUntil)
                .isEqualTo(SkuSummary.NO_LEGACY_IDS);
        long reads = accumulator(LedgerMetrics.STATE_READS);
        send(event("p-1", "SKU-1", "DC-1", EventType.PICK, 1, T0 + 33 * HOUR));
        assertThat(accumulator(LedgerMetrics.STATE_READS) - reads)
                .as("the map is no longer consulted")
                .isEqualTo(1);
    }

    @Test
    void versionsPublishedAfterARestoreOutrankEverythingPublishedBefore() throws Exception {
        send(event("r-1", "SKU-1", "DC-1", EventType.RECEIPT, 40, T0));
        OperatorSubtaskState checkpoint = harness.snapshot(1, T0);
        send(event("r-2", "SKU-1", "DC-1", EventType.RECEIPT, 5, T0 + MINUTE)); // lost in a failure
        long beforeFailure = harness.extractOutputValues().get(1).getVersion();
        harness.close();
        harness = restoredHarness(checkpoint);
        send(event("r-2", "SKU-1", "DC-1", EventType.RECEIPT, 5, T0 + MINUTE)); // replayed

        Availability replayed = harness.extractOutputValues().get(0);
        assertThat(beforeFailure).isEqualTo(2);
        assertThat(replayed.getVersion()).isEqualTo((1L << 32) | 2).isGreaterThan(beforeFailure);
        assertThat(replayed.getOnHand()).isEqualTo(45);
    }

    private KeyedBroadcastOperatorTestHarness<String, SourcedEvent, SourcedEvent, Availability>
            restoredHarness(OperatorSubtaskState checkpoint) throws Exception {
        return harness(checkpoint);
    }

    /**
     * The function on RocksDB, as in the job: state is serialized on every write, so a change the
     * function does not store is lost, as it would be in production.
     */
    private static KeyedBroadcastOperatorTestHarness<
                    String, SourcedEvent, SourcedEvent, Availability>
            harness(OperatorSubtaskState checkpoint) throws Exception {
        KeyedBroadcastOperatorTestHarness<String, SourcedEvent, SourcedEvent, Availability> h =
                new KeyedBroadcastOperatorTestHarness<>(
                        new CoBroadcastWithKeyedOperator<>(
                                new ApplyInventoryEventFunction(
                                        LedgerSettings.defaults(),
                                        Returns.defaults(),
                                        HoldPeriods.of(GRACE),
                                        CACHE_ENTRIES),
                                List.of(ApplyInventoryEventFunction.BROADCAST_STATES)),
                        SourcedEvent::sku,
                        Types.STRING,
                        1,
                        1,
                        0);
        h.setStateBackend(new EmbeddedRocksDBStateBackend());
        if (checkpoint == null) {
            h.open();
        } else {
            h.setup();
            h.initializeState(checkpoint);
            h.open();
        }
        return h;
    }

    private long accumulator(String name) {
        Object value =
                harness.getEnvironment()
                        .getAccumulatorRegistry()
                        .getUserMap()
                        .get(name)
                        .getLocalValue();
        return ((Number) value).longValue();
    }

    /** The keyed state of {@code sku} in the harness's backend, written or read directly. */
    private <S extends org.apache.flink.api.common.state.State> S plant(
            String sku, org.apache.flink.api.common.state.StateDescriptor<S, ?> descriptor)
            throws Exception {
        org.apache.flink.runtime.state.KeyedStateBackend<Object> backend =
                harness.getOperator().getKeyedStateBackend();
        backend.setCurrentKey(sku);
        return backend.getPartitionedState(
                org.apache.flink.runtime.state.VoidNamespace.INSTANCE,
                org.apache.flink.runtime.state.VoidNamespaceSerializer.INSTANCE,
                descriptor);
    }

    private io.omnistock.domain.inventory.Position position(String sku, String nodeId)
            throws Exception {
        return plant(sku, ApplyInventoryEventFunction.POSITIONS).get(nodeId);
    }

    private int keyedStateEntries() {
        return ((RocksDBKeyedStateBackend<?>) harness.getOperator().getKeyedStateBackend())
                .numKeyValueStateEntries();
    }

    private void node(String id, NodeType type, NodeStatus status, long safetyStock)
            throws Exception {
        NodeInfo node = new NodeInfo(id, type, status, safetyStock);
        node.updatedAt = T0 - 24 * HOUR;
        harness.processBroadcastElement(SourcedEvent.of(node), node.updatedAt);
    }

    private void send(InventoryEvent event) throws Exception {
        harness.processElement(sourced(event), event.eventTime);
    }

    private <T> List<T> values(OutputTag<T> tag) {
        return harness.getSideOutput(tag) == null
                ? List.of()
                : harness.getSideOutput(tag).stream().map(StreamRecord::getValue).toList();
    }

    private static InventoryEvent event(
            String id, String sku, String node, EventType type, long qty, long time) {
        SourceSystem source =
                type == EventType.SALE || type == EventType.VOID
                        ? SourceSystem.POS
                        : SourceSystem.WMS;
        return new InventoryEvent(id, time, sku, node, type, qty, source);
    }

    private static SourcedEvent sourced(InventoryEvent event) {
        SourcedEvent sourced = new SourcedEvent();
        sourced.event = event;
        sourced.topic = event.source == SourceSystem.POS ? "inventory.pos" : "inventory.wms";
        sourced.partition = 0;
        sourced.offset = OFFSETS.incrementAndGet();
        sourced.recordTimestamp = event.eventTime;
        sourced.key = event.sku;
        sourced.bytes = ("raw:" + event.eventId).getBytes(StandardCharsets.UTF_8);
        return sourced;
    }
}
