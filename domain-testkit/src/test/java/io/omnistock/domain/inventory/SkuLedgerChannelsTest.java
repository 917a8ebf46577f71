package io.omnistock.domain.inventory;

import static io.omnistock.domain.inventory.LedgerEvents.DC;
import static io.omnistock.domain.inventory.LedgerEvents.STORE;
import static io.omnistock.domain.inventory.LedgerEvents.at;
import static io.omnistock.domain.inventory.LedgerEvents.receipt;
import static io.omnistock.domain.inventory.StockRequests.probe;
import static io.omnistock.domain.inventory.StockRequests.reserve;
import static io.omnistock.domain.inventory.StockRequests.units;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.omnistock.avro.ChannelControlKind;
import io.omnistock.avro.ChannelScope;
import io.omnistock.avro.NodeStatus;
import io.omnistock.avro.NodeType;
import io.omnistock.domain.channels.Channel;
import io.omnistock.domain.channels.ChannelControl;
import io.omnistock.domain.holds.HoldCommand;
import io.omnistock.domain.holds.HoldOutcome;
import io.omnistock.ledger.domain.StockReply;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The SKU ledger with a sales channel bounding the request in hand ({@link
 * SkuLedger.State#sellable}): probes answer the channel's ATS per node and holds take no more; ATP
 * and on-hand are untouched.
 */
class SkuLedgerChannelsTest {
    private final InMemoryLedger ledger = new InMemoryLedger();

    @BeforeEach
    void stock() {
        ledger.node(STORE, NodeType.STORE, NodeStatus.OPEN, 0);
        ledger.node(DC, NodeType.DC, NodeStatus.OPEN, 0);
        ledger.apply(receipt(STORE, 10, at(7, 0)));
        ledger.apply(receipt(DC, 10, at(7, 0)));
        // a 3-unit buffer at stores, 50 % at DCs
        ChannelControl stores = buffer(ChannelScope.NODE_TYPE, NodeType.STORE);
        stores.units = 3;
        ChannelControl dcs = buffer(ChannelScope.NODE_TYPE, NodeType.DC);
        dcs.percent = 50;
        ledger.state.channel = new Channel("MARKETPLACE", 0, List.of(stores, dcs));
        ledger.state.channelAt = at(8, 0);
    }

    @Test
    void aProbeOnTheChannelAnswersItsAtsPerNode() {
        ledger.handle(probe("O-1"));

        assertThat(ledger.lastReply().units)
                .extracting(u -> u.nodeId, u -> u.units)
                .containsExactlyInAnyOrder(tuple(STORE, 7L), tuple(DC, 5L)); // 10 - 3, 10 - 5
        assertThat(ledger.atp(STORE)).isEqualTo(10);
    }

    @Test
    void aHoldOnTheChannelTakesAtMostItsAts() {
        ledger.hold(hold("H-1", STORE, 8), at(8, 0));
        assertThat(ledger.lastHoldOutcome().type()).isEqualTo(HoldOutcome.Type.REFUSED);

        ledger.hold(hold("H-2", STORE, 7), at(8, 0));
        assertThat(ledger.lastHoldOutcome().type()).isEqualTo(HoldOutcome.Type.HELD);
        assertThat(ledger.held(STORE)).isEqualTo(7);
    }

    @Test
    void aReservationOnTheChannelIsGrantedAtMostItsAts() {
        ledger.handle(reserve("O-1", at(8, 0), List.of(), units(STORE, 8)));
        assertThat(ledger.lastReply().kind).isEqualTo(StockReply.Kind.REFUSED);

        ledger.handle(reserve("O-2", at(8, 0), List.of(), units(STORE, 7)));
        assertThat(ledger.lastReply().kind).isEqualTo(StockReply.Kind.GRANTED);
        assertThat(ledger.atp(STORE)).isEqualTo(3);
    }

    @Test
    void withoutAChannelTheWholeAtpIsOffered() {
        ledger.state.channel = null;

        ledger.handle(probe("O-1"));

        assertThat(ledger.lastReply().units)
                .extracting(u -> u.nodeId, u -> u.units)
                .containsExactlyInAnyOrder(tuple(STORE, 10L), tuple(DC, 10L));
    }

    private static ChannelControl buffer(ChannelScope scope, NodeType type) {
        ChannelControl c = new ChannelControl();
        c.kind = ChannelControlKind.BUFFER;
        c.scope = scope;
        c.nodeType = type;
        return c;
    }

    private static HoldCommand hold(String holdId, String nodeId, long quantity) {
        return new HoldCommand(
                "req-" + holdId,
                at(8, 0),
                holdId,
                "SKU-1",
                HoldCommand.Action.HOLD,
                nodeId,
                quantity,
                60_000,
                "MARKETPLACE");
    }
}
