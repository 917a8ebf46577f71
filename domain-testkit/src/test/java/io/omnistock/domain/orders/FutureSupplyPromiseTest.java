package io.omnistock.domain.orders;

import static io.omnistock.domain.orders.OrderFlow.at;
import static io.omnistock.domain.orders.OrderFlow.dc;
import static io.omnistock.domain.orders.OrderFlow.line;
import static io.omnistock.domain.orders.OrderFlow.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.omnistock.avro.Allocation;
import io.omnistock.avro.DecisionStatus;
import io.omnistock.avro.InboundPromise;
import io.omnistock.avro.OrderLine;
import io.omnistock.avro.OrderRequest;
import io.omnistock.avro.RoutingDecision;
import io.omnistock.domain.inventory.InboundShipment;
import io.omnistock.domain.inventory.Position;
import io.omnistock.ledger.domain.StockRequest;
import java.time.Instant;
import java.util.List;
import org.assertj.core.api.AbstractListAssert;
import org.assertj.core.api.ObjectAssert;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Promises against inbound supply for orders allowing future supply
 * (docs/concepts/inbound-promises.md), end to end through routing and the SKU's ledger: the ledger
 * reserves unpromised inbound units whose ETA meets the order's promise date, earliest ETA first; a
 * receipt turns them into on-hand reservations; an ASN revised down or running late re-promises the
 * newest promises first. Each test runs on the reservation loop and on the single-SKU fast path:
 * the figures are the same. Every figure is worked out by hand in the comments.
 */
class FutureSupplyPromiseTest {
    private static final String SKU = "SKU-A";
    private static final String DC_1 = "DC-1";
    private static final String DC_2 = "DC-2";
    private static final long HOUR = 3_600_000L;

    /** Orders are placed at 08:00 and promised by 08:00 two days later (+48 h). */
    private static final long ORDERED = at(8, 0);

    private static final long ETA_24 = ORDERED + 24 * HOUR;
    private static final long ETA_36 = ORDERED + 36 * HOUR;

    private OrderFlow flow(boolean fastPath) {
        OrderFlow flow = fastPath ? OrderFlow.withSingleSkuFastPath(3) : new OrderFlow(3);
        return flow.node(dc(DC_1, 100)).node(dc(DC_2, 300));
    }

    private static OrderRequest futureSupply(String orderId, int units) {
        return order(orderId, line(SKU, units)).setAllowFutureSupply(true).build();
    }

    private static AbstractListAssert<?, List<? extends Tuple>, Tuple, ObjectAssert<Tuple>>
            assertPromises(RoutingDecision d) {
        return assertThat(d.getInboundPromises())
                .extracting(
                        InboundPromise::getAsnId,
                        InboundPromise::getNodeId,
                        InboundPromise::getQuantity,
                        p -> p.getExpectedAt().toEpochMilli(),
                        InboundPromise::getReserved);
    }

    private static InboundShipment shipment(OrderFlow flow, String nodeId, String asnId) {
        Position p = flow.position(SKU, nodeId);
        return p.inbound.stream().filter(s -> s.asnId.equals(asnId)).findFirst().orElseThrow();
    }

    private static int units(List<Allocation> allocations) {
        return allocations.stream().mapToInt(Allocation::getQuantity).sum();
    }

    private static int units(RoutingDecision d, String reasonPrefix) {
        assertThat(d.getStatus()).isEqualTo(DecisionStatus.RE_ROUTED);
        assertThat(d.getReason()).startsWith(reasonPrefix);
        return d.getBackordered().stream().mapToInt(OrderLine::getQuantity).sum();
    }

    @ParameterizedTest(name = "fast path: {0}")
    @ValueSource(booleans = {false, true})
    void aPromiseIsKeptAndAReceiptTurnsItIntoAReservation(boolean fastPath) {
        OrderFlow flow = flow(fastPath);
        flow.stock(SKU, DC_1, 2);
        flow.asn(SKU, DC_1, "ASN-1", 10, at(7, 0), ETA_24);

        // O-1 wants 6: 2 on hand at DC-1, the other 4 promised from ASN-1 (10 unpromised -> 6)
        flow.place(futureSupply("O-1", 6));
        flow.run();
        RoutingDecision o1 = flow.lastDecision("O-1");
        assertThat(o1.getStatus()).isEqualTo(DecisionStatus.PARTIALLY_ROUTED);
        assertThat(units(o1.getAllocations())).isEqualTo(2);
        assertPromises(o1).containsExactly(tuple("ASN-1", DC_1, 4, ETA_24, true));

        // O-2 wants 8: nothing on hand, ASN-1's last 6 promised; 2 stay backordered
        flow.place(futureSupply("O-2", 8));
        flow.run();
        RoutingDecision o2 = flow.lastDecision("O-2");
        assertThat(o2.getStatus()).isEqualTo(DecisionStatus.BACKORDERED);
        assertPromises(o2).containsExactly(tuple("ASN-1", DC_1, 6, ETA_24, true));

        // O-3 does not allow future supply: ASN-1 is all promised, so it is promised nothing
        flow.place(order("O-3", line(SKU, 5)).build());
        flow.run();
        assertThat(flow.lastDecision("O-3").getInboundPromises()).isEmpty();
        assertThat(shipment(flow, DC_1, "ASN-1").promised).isEqualTo(10);

        // ASN-1 arrives in full: O-1's 4 and O-2's 6 become reservations at DC-1
        flow.receiptAgainst(SKU, DC_1, "ASN-1", 10, ETA_24);
        flow.run();
        assertThat(flow.onHand(SKU, DC_1)).isEqualTo(12); // 2 + 10
        assertThat(flow.reserved(SKU, DC_1)).isEqualTo(12); // O-1 2 + 4, O-2 6
        assertThat(flow.atp(SKU, DC_1)).isZero();
        assertThat(shipment(flow, DC_1, "ASN-1").promised).isZero();

        RoutingDecision kept1 = flow.lastDecision("O-1");
        assertThat(units(kept1, "INBOUND_RECEIVED")).isZero();
        assertThat(units(kept1.getAllocations())).isEqualTo(6);
        assertThat(kept1.getInboundPromises()).isEmpty();
        RoutingDecision kept2 = flow.lastDecision("O-2");
        assertThat(units(kept2, "INBOUND_RECEIVED")).isEqualTo(2);
        assertThat(units(kept2.getAllocations())).isEqualTo(6);

        // shipping O-1 takes its 6 units off on-hand and reservations alike
        flow.lifecycle("O-1", io.omnistock.avro.LifecycleType.SHIPPED);
        flow.run();
        assertThat(flow.onHand(SKU, DC_1)).isEqualTo(6);
        assertThat(flow.reserved(SKU, DC_1)).isEqualTo(6);
    }

    @ParameterizedTest(name = "fast path: {0}")
    @ValueSource(booleans = {false, true})
    void aPartReceiptKeepsTheOldestPromisesFirst(boolean fastPath) {
        OrderFlow flow = flow(fastPath);
        flow.asn(SKU, DC_1, "ASN-1", 10, at(7, 0), ETA_24);
        flow.place(futureSupply("O-1", 4)); // ASN-1 4
        flow.run();
        flow.place(futureSupply("O-2", 6)); // ASN-1 6
        flow.run();

        // 5 of ASN-1's 10 arrive: O-1 (oldest) gets its 4, O-2 the 5th; O-2 keeps 5 promised
        flow.receiptAgainst(SKU, DC_1, "ASN-1", 5, ETA_24);
        flow.run();

        assertThat(units(flow.lastDecision("O-1").getAllocations())).isEqualTo(4);
        assertThat(flow.lastDecision("O-1").getInboundPromises()).isEmpty();
        RoutingDecision o2 = flow.lastDecision("O-2");
        assertThat(units(o2, "INBOUND_RECEIVED")).isEqualTo(5);
        assertThat(units(o2.getAllocations())).isEqualTo(1);
        assertPromises(o2).containsExactly(tuple("ASN-1", DC_1, 5, ETA_24, true));
        assertThat(flow.onHand(SKU, DC_1)).isEqualTo(5);
        assertThat(flow.reserved(SKU, DC_1)).isEqualTo(5);
        assertThat(shipment(flow, DC_1, "ASN-1").promised).isEqualTo(5); // = 10 - 5 still due
    }

    @org.junit.jupiter.api.Test
    void aMultiSkuOrderIsPromisedInboundPerSkuOnTheLoop() {
        OrderFlow flow = flow(false);
        String other = "SKU-B";
        flow.stock(SKU, DC_1, 2);
        flow.asn(SKU, DC_1, "ASN-A", 4, at(7, 0), ETA_24);
        flow.asn(other, DC_2, "ASN-B", 5, at(7, 0), ETA_36);

        // A: 2 on hand, 1 promised from ASN-A; B: none on hand, 2 promised from ASN-B
        flow.place(order("O-1", line(SKU, 3), line(other, 2)).setAllowFutureSupply(true).build());
        flow.run();

        RoutingDecision d = flow.lastDecision("O-1");
        assertThat(d.getStatus()).isEqualTo(DecisionStatus.PARTIALLY_ROUTED);
        assertThat(units(d.getAllocations())).isEqualTo(2);
        assertPromises(d)
                .containsExactlyInAnyOrder(
                        tuple("ASN-A", DC_1, 1, ETA_24, true),
                        tuple("ASN-B", DC_2, 2, ETA_36, true));
        assertThat(flow.sent(StockRequest.Action.PROMISE)).hasSize(2);
        assertThat(flow.ledgerState(other).position(DC_2).inbound.get(0).promised).isEqualTo(2);
    }

    @ParameterizedTest(name = "fast path: {0}")
    @ValueSource(booleans = {false, true})
    void anAsnRevisedDownRepromisesTheNewestPromisesFirst(boolean fastPath) {
        OrderFlow flow = flow(fastPath);
        flow.asn(SKU, DC_1, "ASN-1", 10, at(7, 0), ETA_24);
        flow.asn(SKU, DC_2, "ASN-2", 5, at(7, 0), ETA_36);
        flow.place(futureSupply("O-1", 4)); // ASN-1 4
        flow.run();
        flow.place(futureSupply("O-2", 8)); // ASN-1 6, then ASN-2 2 (later ETA)
        flow.run();
        assertPromises(flow.lastDecision("O-2"))
                .containsExactly(
                        tuple("ASN-1", DC_1, 6, ETA_24, true),
                        tuple("ASN-2", DC_2, 2, ETA_36, true));
        int o1Decisions = flow.decisionsOf("O-1").size();

        // ASN-1 now brings 7: 3 too many promised; O-2 (newest) gives 3 back and takes
        // ASN-2's 3 unpromised units (5 - 2) instead; O-1 keeps its 4
        flow.asn(SKU, DC_1, "ASN-1", 7, at(9, 0), ETA_24);
        flow.run();
        RoutingDecision o2 = flow.lastDecision("O-2");
        assertThat(units(o2, "INBOUND_REVISED")).isEqualTo(8); // still backordered: all inbound
        assertThat(o2.getReason()).contains("3 of 3 units promised from other inbound");
        assertPromises(o2)
                .containsExactlyInAnyOrder(
                        tuple("ASN-1", DC_1, 3, ETA_24, true),
                        tuple("ASN-2", DC_2, 5, ETA_36, true));
        assertThat(flow.decisionsOf("O-1")).hasSize(o1Decisions);
        assertThat(shipment(flow, DC_1, "ASN-1").promised).isEqualTo(7); // O-1 4 + O-2 3
        assertThat(shipment(flow, DC_2, "ASN-2").promised).isEqualTo(5);

        // ASN-1 now brings 1: 6 too many; O-2 gives its 3 back (no inbound left: backordered),
        // then O-1 gives 3 back (none left either) and keeps 1
        flow.asn(SKU, DC_1, "ASN-1", 1, at(10, 0), ETA_24);
        flow.run();
        RoutingDecision o2Again = flow.lastDecision("O-2");
        assertThat(o2Again.getReason()).contains("0 of 3 units promised from other inbound");
        assertPromises(o2Again).containsExactly(tuple("ASN-2", DC_2, 5, ETA_36, true));
        RoutingDecision o1 = flow.lastDecision("O-1");
        assertThat(units(o1, "INBOUND_REVISED")).isEqualTo(4);
        assertPromises(o1).containsExactly(tuple("ASN-1", DC_1, 1, ETA_24, true));
        assertThat(shipment(flow, DC_1, "ASN-1").promised).isEqualTo(1);
    }

    @ParameterizedTest(name = "fast path: {0}")
    @ValueSource(booleans = {false, true})
    void anAsnRunningLateMovesOnlyThePromisesItNowMisses(boolean fastPath) {
        OrderFlow flow = flow(fastPath);
        flow.asn(SKU, DC_1, "ASN-1", 10, at(7, 0), ETA_24);
        flow.asn(SKU, DC_2, "ASN-2", 5, at(7, 0), ORDERED + 40 * HOUR);
        flow.place(futureSupply("O-1", 4)); // promised by +48 h: ASN-1 4
        flow.run();
        OrderRequest tight =
                order("O-2", line(SKU, 3))
                        .setAllowFutureSupply(true)
                        .setPromiseBy(Instant.ofEpochMilli(ORDERED + 26 * HOUR))
                        .build();
        flow.place(tight); // promised by +26 h: ASN-1 3 (ETA +24 h meets it; ASN-2's +40 h not)
        flow.run();
        assertPromises(flow.lastDecision("O-2"))
                .containsExactly(tuple("ASN-1", DC_1, 3, ETA_24, true));
        int o1Decisions = flow.decisionsOf("O-1").size();

        // ASN-1 slips to +30 h: past O-2's +26 h (ASN-2 is later still: backordered), within
        // O-1's +48 h (kept)
        flow.asn(SKU, DC_1, "ASN-1", 10, at(9, 0), ORDERED + 30 * HOUR);
        flow.run();
        RoutingDecision o2 = flow.lastDecision("O-2");
        assertThat(units(o2, "INBOUND_LATE")).isEqualTo(3);
        assertThat(o2.getInboundPromises()).isEmpty();
        assertThat(flow.decisionsOf("O-1")).hasSize(o1Decisions);
        assertThat(shipment(flow, DC_1, "ASN-1").promised).isEqualTo(4);
        assertThat(flow.ledgerState(SKU).reservations.get("O-2")).isNull();
    }

    @ParameterizedTest(name = "fast path: {0}")
    @ValueSource(booleans = {false, true})
    void anOrderWithoutFutureSupplyReservesNoInbound(boolean fastPath) {
        OrderFlow flow = flow(fastPath);
        flow.asn(SKU, DC_1, "ASN-1", 10, at(7, 0), ETA_24);

        flow.place(order("O-1", line(SKU, 4)).build());
        flow.run();

        RoutingDecision d = flow.lastDecision("O-1");
        assertThat(d.getStatus()).isEqualTo(DecisionStatus.BACKORDERED);
        assertPromises(d).containsExactly(tuple(null, DC_1, 4, ETA_24, false));
        assertThat(shipment(flow, DC_1, "ASN-1").promised).isZero();
        assertThat(flow.sent(StockRequest.Action.PROMISE)).isEmpty();
    }

    @ParameterizedTest(name = "fast path: {0}")
    @ValueSource(booleans = {false, true})
    void cancellingGivesThePromisedInboundBack(boolean fastPath) {
        OrderFlow flow = flow(fastPath);
        flow.stock(SKU, DC_1, 1);
        flow.asn(SKU, DC_1, "ASN-1", 10, at(7, 0), ETA_24);
        flow.place(futureSupply("O-1", 5)); // 1 on hand, 4 from ASN-1
        flow.run();
        assertThat(shipment(flow, DC_1, "ASN-1").promised).isEqualTo(4);

        flow.lifecycle("O-1", io.omnistock.avro.LifecycleType.CANCELLED);
        flow.run();

        assertThat(shipment(flow, DC_1, "ASN-1").promised).isZero();
        assertThat(flow.reserved(SKU, DC_1)).isZero();
    }
}
