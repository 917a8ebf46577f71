package io.omnistock.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.omnistock.avro.NodeRecord;
import io.omnistock.avro.NodeStatus;
import io.omnistock.avro.NodeType;
import io.omnistock.avro.PosEvent;
import io.omnistock.avro.PosEventType;
import io.omnistock.avro.ThreePlEvent;
import io.omnistock.avro.ThreePlEventType;
import io.omnistock.avro.WmsEvent;
import io.omnistock.avro.WmsEventType;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReferenceLedgerTest {
    private static final String SKU = "SKU-00001";
    private static final NodeRecord STORE = node("STORE-001", NodeType.STORE, 2, NodeStatus.OPEN);
    private static final NodeRecord DEGRADED =
            node("STORE-002", NodeType.STORE, 2, NodeStatus.DEGRADED);
    private static final NodeRecord DC = node("DC-01", NodeType.DC, 10, NodeStatus.OPEN);
    private static final NodeRecord THREE_PL =
            node("3PL-01", NodeType.THREE_PL, 0, NodeStatus.OPEN);

    private final ReferenceLedger ledger =
            new ReferenceLedger(List.of(STORE, DEGRADED, DC, THREE_PL));
    private int ids;

    @Test
    void aSaleAfterACountMovesTheCount() {
        ledger.apply(wms("10:00", "STORE-001", WmsEventType.CYCLE_COUNT, 100, null));
        ledger.apply(pos("10:05", "STORE-001", PosEventType.SALE, 3, null));

        assertThat(position("STORE-001").onHand()).isEqualTo(97);
        assertThat(position("STORE-001").atp()).isEqualTo(95);
        assertThat(position("STORE-001").safetyStock()).isEqualTo(2);
    }

    @Test
    void aDeltaStampedAtTheCountTimeIsPartOfTheCount() {
        ledger.apply(wms("09:00", "STORE-001", WmsEventType.TRANSFER_IN, 40, null));
        ledger.apply(pos("10:00", "STORE-001", PosEventType.SALE, 3, null));
        ledger.apply(wms("10:00", "STORE-001", WmsEventType.CYCLE_COUNT, 100, null));
        ledger.apply(pos("10:00", "STORE-001", PosEventType.RETURN, 1, null));

        assertThat(position("STORE-001").onHand()).isEqualTo(100);
        assertThat(ledger.countMismatches()).isEqualTo(1);
    }

    @Test
    void aVoidReversesItsSaleAtTheVoidsTime() {
        ledger.apply(wms("08:00", "STORE-001", WmsEventType.CYCLE_COUNT, 10, null));
        PosEvent sale = pos("09:00", "STORE-001", PosEventType.SALE, 3, null);
        ledger.apply(sale);
        ledger.apply(wms("09:30", "STORE-001", WmsEventType.CYCLE_COUNT, 7, null));
        ledger.apply(pos("09:45", "STORE-001", PosEventType.VOID, 3, sale.getEventId()));

        assertThat(position("STORE-001").onHand()).isEqualTo(10);
        assertThatThrownBy(
                        () ->
                                ledger.apply(
                                        pos(
                                                "09:50",
                                                "STORE-001",
                                                PosEventType.VOID,
                                                3,
                                                sale.getEventId())))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void receiptsAgainstAnAsnReduceInTransitAndAddOnHand() {
        ledger.apply(wms("06:00", "DC-01", WmsEventType.CYCLE_COUNT, 50, null));
        ledger.apply(asn("07:00", "ASN-1", 10));
        ledger.apply(wms("12:00", "DC-01", WmsEventType.RECEIPT, 4, "ASN-1"));

        assertThat(position("DC-01").inTransit()).isEqualTo(6);
        assertThat(position("DC-01").onHand()).isEqualTo(54);
        assertThat(position("DC-01").atp()).isEqualTo(44);
    }

    @Test
    void anAsnRevisionReplacesTheQuantityAndOverReceiptFloorsAtZero() {
        ledger.apply(asn("07:00", "ASN-1", 10));
        ledger.apply(asn("08:00", "ASN-1", 12));
        ledger.apply(asn("08:00", "ASN-2", 5));
        ledger.apply(wms("12:00", "DC-01", WmsEventType.RECEIPT, 4, "ASN-1"));
        ledger.apply(wms("12:00", "DC-01", WmsEventType.RECEIPT, 7, "ASN-2"));

        assertThat(position("DC-01").inTransit()).isEqualTo(8);
        assertThat(position("DC-01").onHand()).isEqualTo(11);
    }

    @Test
    void countsNeverChangeInTransit() {
        ledger.apply(asn("07:00", "ASN-1", 10));
        ledger.apply(wms("12:00", "DC-01", WmsEventType.RECEIPT, 4, "ASN-1"));
        ledger.apply(wms("12:00", "DC-01", WmsEventType.CYCLE_COUNT, 30, null));

        assertThat(position("DC-01").inTransit()).isEqualTo(6);
        assertThat(position("DC-01").onHand()).isEqualTo(30);
    }

    @Test
    void aPositionExistsOnceItHadAnAsn() {
        ledger.apply(asn("07:00", "ASN-1", 10));

        assertThat(ledger.positions())
                .containsOnlyKeys("SKU-00001|DC-01")
                .containsValue(new ExpectedPosition(SKU, "DC-01", 0, 10, 10, 0));
    }

    @Test
    void onHandMayGoNegativeButAtpFloorsAtZero() {
        ledger.apply(pos("10:00", "STORE-001", PosEventType.SALE, 2, null));

        assertThat(position("STORE-001").onHand()).isEqualTo(-2);
        assertThat(position("STORE-001").atp()).isZero();
    }

    @Test
    void networkAtpSumsOpenNodesOnlyByType() {
        ledger.apply(wms("10:00", "STORE-001", WmsEventType.CYCLE_COUNT, 12, null));
        ledger.apply(wms("10:00", "STORE-002", WmsEventType.CYCLE_COUNT, 50, null));
        ledger.apply(wms("10:00", "DC-01", WmsEventType.CYCLE_COUNT, 100, null));
        ledger.apply(snapshot("10:00", 7));
        ledger.apply(wms("10:01", "DC-01", WmsEventType.PICK, 5, null));

        assertThat(ledger.network())
                .containsExactlyEntriesOf(
                        java.util.Map.of(SKU, new ExpectedNetwork(SKU, 102, 10, 85, 0, 7, 3)));
        assertThat(position("STORE-002").atp()).isEqualTo(48);
    }

    @Test
    void aSnapshotSetsThreePlOnHand() {
        ledger.apply(threePl("09:00", ThreePlEventType.ADJUSTMENT, 5));
        ledger.apply(snapshot("10:00", 40));
        ledger.apply(threePl("11:00", ThreePlEventType.ADJUSTMENT, -3));

        assertThat(position("3PL-01").onHand()).isEqualTo(37);
    }

    @Test
    void eventsMustComeInEventTimeOrder() {
        ledger.apply(pos("10:00", "STORE-001", PosEventType.SALE, 1, null));

        assertThatThrownBy(
                        () -> ledger.apply(pos("09:59", "STORE-001", PosEventType.RETURN, 1, null)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private ExpectedPosition position(String node) {
        return ledger.positions().get(SKU + "|" + node);
    }

    private PosEvent pos(String time, String node, PosEventType type, int qty, String voided) {
        return new PosEvent("p" + ids++, at(time), SKU, node, type, qty, voided, null);
    }

    private WmsEvent wms(String time, String node, WmsEventType type, int qty, String asnId) {
        return new WmsEvent("w" + ids++, at(time), SKU, node, type, qty, asnId, null, null);
    }

    private ThreePlEvent asn(String time, String asnId, int qty) {
        return new ThreePlEvent(
                "a" + ids++,
                at(time),
                SKU,
                "DC-01",
                ThreePlEventType.ASN,
                qty,
                asnId,
                at("23:00"),
                null);
    }

    private ThreePlEvent snapshot(String time, int qty) {
        return threePl(time, ThreePlEventType.SNAPSHOT, qty);
    }

    private ThreePlEvent threePl(String time, ThreePlEventType type, int qty) {
        return new ThreePlEvent("t" + ids++, at(time), SKU, "3PL-01", type, qty, null, null, null);
    }

    private static Instant at(String time) {
        return Instant.parse("2026-03-02T" + time + ":00Z");
    }

    private static NodeRecord node(String id, NodeType type, int safety, NodeStatus status) {
        return new NodeRecord(
                "n-" + id,
                at("00:00"),
                id,
                id,
                type,
                51.5,
                -0.1,
                "UK-LONDON",
                "",
                100,
                1.0,
                List.of(),
                safety,
                status,
                "UTC",
                List.of());
    }
}
