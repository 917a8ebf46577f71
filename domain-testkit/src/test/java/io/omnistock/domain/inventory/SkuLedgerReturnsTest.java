package io.omnistock.domain.inventory;

import static io.omnistock.domain.inventory.LedgerEvents.DC;
import static io.omnistock.domain.inventory.LedgerEvents.STORE;
import static io.omnistock.domain.inventory.LedgerEvents.at;
import static io.omnistock.domain.inventory.LedgerEvents.cycleCount;
import static io.omnistock.domain.inventory.LedgerEvents.receipt;
import static io.omnistock.domain.inventory.LedgerEvents.returned;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.omnistock.avro.ConditionGrade;
import io.omnistock.avro.DeadLetterReason;
import io.omnistock.avro.DispositionType;
import io.omnistock.avro.ReturnDisposition;
import io.omnistock.avro.SourceSystem;
import io.omnistock.domain.returns.ReturnedItem;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * docs/design.md section 5 in the SKU's ledger: returned lines are triaged; only RESTOCK adds
 * on-hand.
 */
class SkuLedgerReturnsTest {
    private final InMemoryLedger ledger = new InMemoryLedger();

    @BeforeEach
    void stock() {
        ledger.nodes.get(DC).located(0.0, 0.0, "EU-WEST", 100, 1.0, List.of());
        ledger.nodes.get(STORE).located(0.5, 0.5, "EU-WEST", 100, 1.0, List.of());
        ledger.apply(receipt(DC, 10, at(8, 0)));
        ledger.apply(receipt(STORE, 10, at(8, 0)));
    }

    @Test
    void aReturnTriagedRestockAddsSellableOnHandAtTheReceivingNode() {
        InventoryEvent e = orderReturn(DC, 2, ConditionGrade.A, "toys", 20.0);

        assertThat(ledger.apply(e)).isEqualTo(SkuLedger.Outcome.APPLIED);

        assertThat(ledger.onHand(DC)).isEqualTo(12);
        assertThat(ledger.atp(DC)).isEqualTo(12);
        assertThat(ledger.availability.get(ledger.availability.size() - 1).onHand()).isEqualTo(12);
        ReturnDisposition d = only(ledger.dispositions);
        assertThat(d.getEventId()).isEqualTo(e.eventId);
        assertThat(d.getDisposition()).isEqualTo(DispositionType.RESTOCK);
        assertThat(d.getRule()).isEqualTo("sealed");
        assertThat(d.getOrderId()).isEqualTo("ORD-7");
        assertThat(d.getSource()).isEqualTo(SourceSystem.ORDERS);
        assertThat(d.getRegion()).isEqualTo("EU-WEST");
    }

    @Test
    void aReturnTriagedAwayIsCountedButAddsNothing() {
        int published = ledger.availability.size();

        SkuLedger.Outcome outcome = ledger.apply(orderReturn(DC, 3, ConditionGrade.D, "toys", 9.0));

        assertThat(outcome).isEqualTo(SkuLedger.Outcome.NOT_RESTOCKED);
        assertThat(ledger.onHand(DC)).isEqualTo(10);
        assertThat(ledger.availability).hasSize(published); // nothing changed, nothing published
        ReturnDisposition d = only(ledger.dispositions);
        assertThat(d.getDisposition()).isEqualTo(DispositionType.RECYCLE);
        assertThat(d.getRule()).isEqualTo("rest");
        assertThat(d.getQuantity()).isEqualTo(3);
    }

    @Test
    void aReturnIsTriagedOnceHoweverOftenItIsSent() {
        InventoryEvent e = orderReturn(DC, 2, ConditionGrade.B, "apparel", 30.0);

        ledger.apply(e);
        assertThat(ledger.apply(LedgerEvents.copyOf(e))).isEqualTo(SkuLedger.Outcome.DUPLICATE);
        InventoryEvent away = orderReturn(DC, 1, ConditionGrade.C, "home", 5.0);
        ledger.apply(away);
        assertThat(ledger.apply(LedgerEvents.copyOf(away))).isEqualTo(SkuLedger.Outcome.DUPLICATE);

        assertThat(ledger.onHand(DC)).isEqualTo(12);
        assertThat(ledger.dispositions)
                .extracting(ReturnDisposition::getDisposition)
                .containsExactly(DispositionType.RESTOCK, DispositionType.LIQUIDATE);
    }

    @Test
    void anUngradedTillReturnRestocksAsRule31SaysAndIsReportedToo() {
        ledger.apply(returned(STORE, 1, at(9, 0)));

        assertThat(ledger.onHand(STORE)).isEqualTo(11);
        ReturnDisposition d = only(ledger.dispositions);
        assertThat(d.getRule()).isEqualTo("ungraded-till-return");
        assertThat(d.getSource()).isEqualTo(SourceSystem.POS);
        assertThat(d.getConditionGrade()).isEqualTo(ConditionGrade.UNKNOWN);
        assertThat(d.getReturnCo2eKg()).isZero(); // handed in at the till
        assertThat(d.getReturnDistanceKm()).isZero();
    }

    @Test
    void aReturnGradedAtAStoreFollowsTheSameRules() {
        InventoryEvent e = orderReturn(STORE, 1, ConditionGrade.B, "beauty", 15.0);

        assertThat(ledger.apply(e)).isEqualTo(SkuLedger.Outcome.NOT_RESTOCKED);

        assertThat(ledger.onHand(STORE)).isEqualTo(10);
        assertThat(only(ledger.dispositions).getRule()).isEqualTo("opened-hygiene");
    }

    @Test
    void theReturnParcelsLegIsCountedByTheRoutingMethod() {
        // sent from 1 degree north of the DC on its meridian: 6371 km x pi/180 = 111.1949 km
        // great-circle; x 1.2 TRUCK_LTL circuity = 133.4339 km; 2 units x 1 kg = 0.002 t;
        // 133.4339 x 0.002 x 0.12522 kg/t.km = 0.033417 kg, + 0.50999 kg for the last-mile parcel
        InventoryEvent e = orderReturn(DC, 2, ConditionGrade.A, "toys", 20.0);
        e.returned.fromLatitude = 1.0;
        e.returned.fromLongitude = 0.0;

        ledger.apply(e);

        ReturnDisposition d = only(ledger.dispositions);
        assertThat(d.getReturnDistanceKm()).isCloseTo(133.4339, within(1e-3));
        assertThat(d.getReturnCo2eKg()).isCloseTo(0.543407, within(1e-5));
        assertThat(d.getCarbonFactorsVersion()).isEqualTo("2025.1");
    }

    @Test
    void aRestockBeforeACountIsPartOfTheCountAndAddsNothingMore() {
        ledger.apply(cycleCount(DC, 12, at(12, 0)));
        InventoryEvent late = orderReturn(DC, 2, ConditionGrade.A, "toys", 20.0);
        late.eventTime = at(11, 0);

        assertThat(ledger.apply(late)).isEqualTo(SkuLedger.Outcome.SUPERSEDED_BY_COUNT);

        assertThat(ledger.onHand(DC)).isEqualTo(12);
        assertThat(only(ledger.dispositions).getDisposition()).isEqualTo(DispositionType.RESTOCK);
    }

    @Test
    void anUnknownReceivingNodeIsADeadLetterAndNotTriaged() {
        InventoryEvent e = orderReturn("NOWHERE", 1, ConditionGrade.A, "toys", 20.0);

        assertThat(ledger.apply(e)).isEqualTo(SkuLedger.Outcome.REJECTED);

        assertThat(ledger.rejected)
                .extracting(r -> r.rejection().reason())
                .containsExactly(DeadLetterReason.UNKNOWN_NODE);
        assertThat(ledger.dispositions).isEmpty();
    }

    /** A RETURN_RECEIVED line of order ORD-7, as the job maps it. */
    private static InventoryEvent orderReturn(
            String node, long qty, ConditionGrade grade, String category, double value) {
        InventoryEvent e = returned(node, qty, at(10, 0));
        e.source = SourceSystem.ORDERS;
        e.returned = new ReturnedItem(grade, category, value);
        e.returned.orderId = "ORD-7";
        return e;
    }

    private static ReturnDisposition only(List<ReturnDisposition> dispositions) {
        assertThat(dispositions).hasSize(1);
        return dispositions.get(0);
    }
}
