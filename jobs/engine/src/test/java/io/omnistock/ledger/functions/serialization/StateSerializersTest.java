package io.omnistock.ledger.functions.serialization;

import static org.assertj.core.api.Assertions.assertThat;

import io.omnistock.avro.NodeType;
import io.omnistock.avro.SourceSystem;
import io.omnistock.domain.inventory.BufferedDelta;
import io.omnistock.domain.inventory.EventType;
import io.omnistock.domain.inventory.InboundShipment;
import io.omnistock.domain.inventory.PendingCountCheck;
import io.omnistock.domain.inventory.Position;
import io.omnistock.domain.inventory.RememberedEvent;
import io.omnistock.engine.functions.SkuSummary;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class StateSerializersTest {

    @Test
    void aPositionSurvivesRocksDbWithEveryFieldDeltaShipmentAndPendingCheck() throws IOException {
        Position p = position();

        Position back = roundTrip(PositionSerializer.INSTANCE, p);

        assertThat(back).usingRecursiveComparison().isEqualTo(p);
    }

    @Test
    void aFreshPositionKeepsItsNoCountAndNoDeltaMarkers() throws IOException {
        Position back = roundTrip(PositionSerializer.INSTANCE, new Position());

        assertThat(back).usingRecursiveComparison().isEqualTo(new Position());
        assertThat(back.hasCount()).isFalse();
        assertThat(back.countedType).isNull();
        back.recentDeltas.add(delta("added-after", 1, EventType.RECEIPT, 1)); // lists are mutable
    }

    @Test
    void aCopyIsIndependentOfItsOriginal() {
        Position p = position();

        Position copy = PositionSerializer.INSTANCE.copy(p);
        copy.recentDeltas.get(0).voided = false;
        copy.inbound.clear();
        copy.onHand = 0;

        assertThat(p.recentDeltas.get(0).voided).isTrue();
        assertThat(p.inbound).hasSize(1);
        assertThat(p.onHand).isEqualTo(40);
    }

    @Test
    void aSkuSummarySurvivesWithTimerHeldEventsAndUpgradeFlagButNotTheDerivedTotals()
            throws IOException {
        SkuSummary s = new SkuSummary();
        s.totals.networkAtp = 100;
        s.totals.storeAtp = 30;
        s.totals.dcAtp = 50;
        s.totals.darkStoreAtp = 15;
        s.totals.threePlAtp = 5;
        s.totals.openNodes = 7;
        s.totals.version = 12;
        s.expiryTimer = 1_700_000_000_000L;
        s.heldRecords = 3;
        s.legacyDedupeUntil = 1_600_000_000_000L;

        SkuSummary back = roundTrip(SkuSummarySerializer.INSTANCE, s);
        assertThat(back).usingRecursiveComparison().ignoringFields("totals").isEqualTo(s);
        assertThat(back.totals)
                .as("rebuilt from the positions when loaded")
                .usingRecursiveComparison()
                .isEqualTo(new SkuSummary().totals);
        assertThat(roundTrip(SkuSummarySerializer.INSTANCE, new SkuSummary()).expiryTimer)
                .isEqualTo(SkuSummary.NO_TIMER);
    }

    @Test
    void aRestoredSerializerReadsTheStateAsItIs() {
        for (TypeSerializer<?> serializer :
                new TypeSerializer<?>[] {
                    PositionSerializer.INSTANCE, SkuSummarySerializer.INSTANCE
                }) {
            assertCompatibleAsIs(serializer);
        }
    }

    private static <T> void assertCompatibleAsIs(TypeSerializer<T> serializer) {
        TypeSerializerSchemaCompatibility<T> compatibility =
                serializer
                        .snapshotConfiguration()
                        .resolveSchemaCompatibility(serializer.snapshotConfiguration());
        assertThat(compatibility.isCompatibleAsIs()).isTrue();
        assertThat(serializer.snapshotConfiguration().restoreSerializer()).isSameAs(serializer);
    }

    @Test
    void aSavepointWrittenBeforeTheForecastRestoresWithAFreshForecast() throws IOException {
        Position p = position();
        DataOutputSerializer out = new DataOutputSerializer(64);
        PositionSerializer.LAYOUT_1_INSTANCE.serialize(
                p, out); // the bytes before the demand forecast
        // what Flink's SimpleTypeSerializerSnapshot wrote for it: version 3, no payload
        PositionSerializer.Snapshot old = new PositionSerializer.Snapshot();
        old.readSnapshot(3, new DataInputDeserializer(new byte[0]), getClass().getClassLoader());

        TypeSerializerSchemaCompatibility<Position> compatibility =
                PositionSerializer.INSTANCE.snapshotConfiguration().resolveSchemaCompatibility(old);
        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
        Position back = old.restoreSerializer().deserialize(in);

        assertThat(compatibility.isCompatibleAfterMigration()).isTrue();
        assertThat(in.available()).as("bytes left unread").isZero();
        assertThat(back)
                .usingRecursiveComparison()
                .ignoringFields(
                        "demandRate",
                        "demandRateTime",
                        "observedSince",
                        "stockoutAlerted",
                        "rememberedEvents",
                        "pendingChecks",
                        "held",
                        "publishedHeld")
                .isEqualTo(p);
        assertThat(back.demandRateTime).isEqualTo(new Position().demandRateTime);
        assertThat(back.observedSince).isEqualTo(Position.NO_DELTA);
        assertThat(back.stockoutAlerted).isFalse();
    }

    @Test
    void aSavepointWrittenBeforeIdsMovedIntoPositionsRestoresWithNoRememberedIds()
            throws IOException {
        Position p = position();
        DataOutputSerializer out = new DataOutputSerializer(64);
        PositionSerializer.LAYOUT_2_INSTANCE.serialize(p, out);
        DataOutputSerializer snapshot = new DataOutputSerializer(8);
        PositionSerializer.LAYOUT_2_INSTANCE.snapshotConfiguration().writeSnapshot(snapshot);
        PositionSerializer.Snapshot old = new PositionSerializer.Snapshot();
        old.readSnapshot(
                4,
                new DataInputDeserializer(snapshot.getCopyOfBuffer()),
                getClass().getClassLoader());

        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
        Position back = old.restoreSerializer().deserialize(in);

        assertThat(
                        PositionSerializer.INSTANCE
                                .snapshotConfiguration()
                                .resolveSchemaCompatibility(old)
                                .isCompatibleAfterMigration())
                .isTrue();
        assertThat(in.available()).as("bytes left unread").isZero();
        assertThat(back)
                .usingRecursiveComparison()
                .ignoringFields("rememberedEvents", "pendingChecks", "held", "publishedHeld")
                .isEqualTo(p);
        assertThat(back.rememberedEvents).isEmpty();
    }

    @Test
    void aSavepointWrittenBeforeCountChecksWaitedInEventTimeRestoresWithNoPendingChecks()
            throws IOException {
        Position p = position();
        DataOutputSerializer out = new DataOutputSerializer(64);
        PositionSerializer.LAYOUT_3_INSTANCE.serialize(p, out); // the bytes of layout 3
        DataOutputSerializer snapshot = new DataOutputSerializer(8);
        PositionSerializer.LAYOUT_3_INSTANCE.snapshotConfiguration().writeSnapshot(snapshot);
        PositionSerializer.Snapshot old = new PositionSerializer.Snapshot();
        old.readSnapshot(
                4,
                new DataInputDeserializer(snapshot.getCopyOfBuffer()),
                getClass().getClassLoader());

        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
        Position back = old.restoreSerializer().deserialize(in);

        assertThat(
                        PositionSerializer.INSTANCE
                                .snapshotConfiguration()
                                .resolveSchemaCompatibility(old)
                                .isCompatibleAfterMigration())
                .isTrue();
        assertThat(in.available()).as("bytes left unread").isZero();
        assertThat(back)
                .usingRecursiveComparison()
                .ignoringFields("pendingChecks", "held", "publishedHeld")
                .isEqualTo(p);
        assertThat(back.pendingChecks).as("its counts were compared on arrival").isEmpty();
        // migrated: written again in the current layout, with its checks from now on
        back.pendingChecks.add(check("count-3", 1_400, true));
        assertThat(roundTrip(PositionSerializer.INSTANCE, back))
                .usingRecursiveComparison()
                .isEqualTo(back);
    }

    @Test
    void aSavepointWrittenBeforeHoldsRestoresWithNothingHeld() throws IOException {
        Position p = position();
        p.held = 0; // layout 4 has no held units
        p.publishedHeld = 0;
        DataOutputSerializer out = new DataOutputSerializer(64);
        PositionSerializer.LAYOUT_4_INSTANCE.serialize(p, out); // the bytes of layout 4
        DataOutputSerializer snapshot = new DataOutputSerializer(8);
        PositionSerializer.LAYOUT_4_INSTANCE.snapshotConfiguration().writeSnapshot(snapshot);
        PositionSerializer.Snapshot old = new PositionSerializer.Snapshot();
        old.readSnapshot(
                4,
                new DataInputDeserializer(snapshot.getCopyOfBuffer()),
                getClass().getClassLoader());

        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
        Position back = old.restoreSerializer().deserialize(in);

        assertThat(
                        PositionSerializer.INSTANCE
                                .snapshotConfiguration()
                                .resolveSchemaCompatibility(old)
                                .isCompatibleAfterMigration())
                .isTrue();
        assertThat(in.available()).as("bytes left unread").isZero();
        assertThat(back).usingRecursiveComparison().isEqualTo(p);
        assertThat(back.held).isZero();
        // migrated: written again in the current layout, with held units from now on
        back.held = 2;
        back.publishedHeld = 2;
        assertThat(roundTrip(PositionSerializer.INSTANCE, back))
                .usingRecursiveComparison()
                .isEqualTo(back);
        assertThat(out.length())
                .as("layout 5 appends two longs")
                .isEqualTo(serialized(PositionSerializer.LAYOUT_5_INSTANCE, p) - 16);
    }

    private static int serialized(PositionSerializer serializer, Position p) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        serializer.serialize(p, out);
        return out.length();
    }

    @Test
    void aSavepointWrittenBeforeChecksKeptTheirBatchRestoresWithNoBatchIds() throws IOException {
        Position p = position();
        DataOutputSerializer out = new DataOutputSerializer(64);
        PositionSerializer.LAYOUT_5_INSTANCE.serialize(p, out); // the bytes of layout 5
        DataOutputSerializer snapshot = new DataOutputSerializer(8);
        PositionSerializer.LAYOUT_5_INSTANCE.snapshotConfiguration().writeSnapshot(snapshot);
        PositionSerializer.Snapshot old = new PositionSerializer.Snapshot();
        old.readSnapshot(
                4,
                new DataInputDeserializer(snapshot.getCopyOfBuffer()),
                getClass().getClassLoader());

        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
        Position back = old.restoreSerializer().deserialize(in);

        assertThat(
                        PositionSerializer.INSTANCE
                                .snapshotConfiguration()
                                .resolveSchemaCompatibility(old)
                                .isCompatibleAfterMigration())
                .isTrue();
        assertThat(in.available()).as("bytes left unread").isZero();
        assertThat(back).usingRecursiveComparison().isEqualTo(p);
        assertThat(back.pendingChecks).extracting(c -> c.batchId).containsOnlyNulls();
    }

    @Test
    void aSavepointWrittenBeforeInboundPromisesRestoresWithNothingPromised() throws IOException {
        Position p = position();
        DataOutputSerializer out = new DataOutputSerializer(64);
        PositionSerializer.LAYOUT_6_INSTANCE.serialize(p, out); // the bytes of layout 6
        DataOutputSerializer snapshot = new DataOutputSerializer(8);
        PositionSerializer.LAYOUT_6_INSTANCE.snapshotConfiguration().writeSnapshot(snapshot);
        PositionSerializer.Snapshot old = new PositionSerializer.Snapshot();
        old.readSnapshot(
                4,
                new DataInputDeserializer(snapshot.getCopyOfBuffer()),
                getClass().getClassLoader());

        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
        Position back = old.restoreSerializer().deserialize(in);

        assertThat(
                        PositionSerializer.INSTANCE
                                .snapshotConfiguration()
                                .resolveSchemaCompatibility(old)
                                .isCompatibleAfterMigration())
                .isTrue();
        assertThat(in.available()).as("bytes left unread").isZero();
        assertThat(back).usingRecursiveComparison().isEqualTo(p);
        assertThat(back.inbound).extracting(s -> s.promised).containsOnly(0L);
        assertThat(out.length())
                .as("layout 7 appends one long per inbound shipment")
                .isEqualTo(serialized(PositionSerializer.INSTANCE, p) - 8 * p.inbound.size());
    }

    @Test
    void theInboundShipmentsKeepTheirPromisedUnits() throws IOException {
        Position p = position();
        p.inbound.get(0).promised = 3;

        Position back = roundTrip(PositionSerializer.INSTANCE, p);

        assertThat(back).usingRecursiveComparison().isEqualTo(p);
        assertThat(back.inbound.get(0).promised).isEqualTo(3);
        assertThat(back.inbound.get(0).unpromised()).isEqualTo(p.inbound.get(0).remaining() - 3);
    }

    @Test
    void thePendingChecksKeepTheirBatch() throws IOException {
        Position p = position();
        p.pendingChecks.get(1).batchId = "SNAP-3pl-1-7-2";

        assertThat(roundTrip(PositionSerializer.INSTANCE, p))
                .usingRecursiveComparison()
                .isEqualTo(p);
    }

    @Test
    void aNewerSnapshotDoesNotRestoreIntoAnOlderLayout() {
        assertThat(
                        PositionSerializer.LAYOUT_3_INSTANCE
                                .snapshotConfiguration()
                                .resolveSchemaCompatibility(
                                        PositionSerializer.INSTANCE.snapshotConfiguration())
                                .isIncompatible())
                .isTrue();
    }

    @Test
    void aSummaryWrittenBeforeIdsMovedIntoPositionsKeepsTheOldDedupeMapConsulted()
            throws IOException {
        SkuSummary s = new SkuSummary();
        s.totals.networkAtp = 100;
        s.totals.openNodes = 7;
        s.totals.version = 12;
        s.expiryTimer = 1_700_000_000_000L;
        s.heldRecords = 1;
        DataOutputSerializer out = new DataOutputSerializer(64);
        SkuSummarySerializer.LAYOUT_1_INSTANCE.serialize(s, out);
        // what Flink's SimpleTypeSerializerSnapshot wrote for it: version 3, no payload
        SkuSummarySerializer.Snapshot old = new SkuSummarySerializer.Snapshot();
        old.readSnapshot(3, new DataInputDeserializer(new byte[0]), getClass().getClassLoader());

        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
        SkuSummary back = old.restoreSerializer().deserialize(in);

        assertThat(
                        SkuSummarySerializer.INSTANCE
                                .snapshotConfiguration()
                                .resolveSchemaCompatibility(old)
                                .isCompatibleAfterMigration())
                .isTrue();
        assertThat(in.available()).as("bytes left unread").isZero();
        assertThat(back)
                .usingRecursiveComparison()
                .ignoringFields("legacyDedupeUntil")
                .isEqualTo(s);
        assertThat(back.legacyDedupeUntil).isEqualTo(SkuSummary.LEGACY_IDS_UNKNOWN);
        assertThat(new SkuSummary().legacyDedupeUntil).isEqualTo(SkuSummary.NO_LEGACY_IDS);
    }

    @Test
    void theCurrentSnapshotRoundTripsItsLayout() throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(8);
        PositionSerializer.INSTANCE.snapshotConfiguration().writeSnapshot(out);
        PositionSerializer.Snapshot read = new PositionSerializer.Snapshot();
        read.readSnapshot(
                PositionSerializer.INSTANCE.snapshotConfiguration().getCurrentVersion(),
                new DataInputDeserializer(out.getCopyOfBuffer()),
                getClass().getClassLoader());

        assertThat(read.restoreSerializer()).isSameAs(PositionSerializer.INSTANCE);
        assertThat(
                        PositionSerializer.INSTANCE
                                .snapshotConfiguration()
                                .resolveSchemaCompatibility(read)
                                .isCompatibleAsIs())
                .isTrue();
    }

    private static Position position() {
        Position p = new Position();
        p.onHand = 40;
        p.reserved = 3;
        p.lastCountTime = 1_000;
        p.earliestAppliedDelta = 900;
        p.version = 7;
        p.publishedOnHand = 38;
        p.publishedReserved = 2;
        p.held = 5;
        p.publishedHeld = 4;
        p.publishedInTransit = 11;
        p.publishedSafetyStock = 4;
        p.publishedAtp = 32;
        p.inboundChanged = true;
        p.countedInNetwork = true;
        p.countedType = NodeType.DARK_STORE;
        p.countedAtp = 33;
        p.demandRate = 4.25;
        p.demandRateTime = 1_250;
        p.observedSince = 800;
        p.stockoutAlerted = true;
        BufferedDelta voidedSale = delta("sale-1", 1_100, EventType.SALE, -2);
        voidedSale.voided = true;
        p.recentDeltas.add(voidedSale);
        p.recentDeltas.add(delta("receipt-1", 1_200, EventType.RECEIPT, 5));
        InboundShipment asn = new InboundShipment();
        asn.asnId = "ASN-9";
        asn.quantity = 20;
        asn.eta = 5_000;
        asn.asnTime = 1_050;
        asn.received = 9;
        asn.lastTouched = 1_300;
        p.inbound.add(asn);
        RememberedEvent count = new RememberedEvent();
        count.eventId = "count-1";
        count.eventTime = 1_000;
        p.rememberedEvents.add(count);
        p.pendingChecks.add(check("count-1", 1_000, false));
        PendingCountCheck opening = check("snapshot-2", 1_500, true);
        opening.type = EventType.SNAPSHOT;
        opening.source = null;
        p.pendingChecks.add(opening);
        return p;
    }

    private static PendingCountCheck check(String id, long asOf, boolean openingBalance) {
        PendingCountCheck c = new PendingCountCheck();
        c.eventId = id;
        c.asOf = asOf;
        c.type = EventType.CYCLE_COUNT;
        c.source = SourceSystem.WMS;
        c.counted = 38;
        c.expected = openingBalance ? 0 : 41;
        c.coversAfter = openingBalance ? Long.MIN_VALUE : 500;
        c.openingBalance = openingBalance;
        return c;
    }

    private static BufferedDelta delta(String id, long time, EventType type, long delta) {
        BufferedDelta d = new BufferedDelta();
        d.eventId = id;
        d.eventTime = time;
        d.type = type;
        d.delta = delta;
        return d;
    }

    private static <T> T roundTrip(TypeSerializer<T> serializer, T value) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        serializer.serialize(value, out);
        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
        T back = serializer.deserialize(in);
        assertThat(in.available()).as("bytes left unread").isZero();
        return back;
    }
}
