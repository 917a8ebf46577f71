package io.omnistock.domain.inventory;

import static io.omnistock.domain.inventory.LedgerEvents.DC;
import static io.omnistock.domain.inventory.LedgerEvents.SKU;
import static io.omnistock.domain.inventory.LedgerEvents.STORE;
import static io.omnistock.domain.inventory.LedgerEvents.THREE_PL;
import static io.omnistock.domain.inventory.LedgerEvents.at;
import static io.omnistock.domain.inventory.LedgerEvents.receipt;
import static io.omnistock.domain.inventory.LedgerEvents.sale;
import static io.omnistock.domain.inventory.StockRequests.reserve;
import static io.omnistock.domain.inventory.StockRequests.units;
import static org.assertj.core.api.Assertions.assertThat;

import io.omnistock.avro.NodeStatus;
import io.omnistock.avro.NodeType;
import io.omnistock.domain.holds.HoldCommand;
import io.omnistock.domain.holds.HoldOutcome;
import io.omnistock.domain.holds.HoldOutcome.Type;
import io.omnistock.domain.inventory.SkuLedger.Outcome;
import io.omnistock.ledger.domain.StockReply;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Cart and checkout holds in the SKU's ledger (docs/concepts/holds.md), driven through {@code hold}
 * and {@code expireHolds}. Figures are worked by hand in each test's comment.
 */
class SkuHoldsTest {
    /** The wall clock at the first request: an even millisecond. */
    private static final long T0 = InMemoryLedger.NOW;

    private static final long FIFTEEN_MINUTES = 15 * 60 * 1000L;
    private static final AtomicLong IDS = new AtomicLong();

    private final InMemoryLedger ledger = new InMemoryLedger();

    private static HoldCommand hold(String holdId, String nodeId, long quantity, long ttlMillis) {
        return command(HoldCommand.Action.HOLD, holdId, nodeId, quantity, ttlMillis);
    }

    private static HoldCommand extend(String holdId, long ttlMillis) {
        return command(HoldCommand.Action.EXTEND, holdId, null, 0, ttlMillis);
    }

    private static HoldCommand release(String holdId) {
        return command(HoldCommand.Action.RELEASE, holdId, null, 0, 0);
    }

    private static HoldCommand command(
            HoldCommand.Action action, String holdId, String nodeId, long qty, long ttlMillis) {
        return new HoldCommand(
                "hold-req-" + IDS.incrementAndGet(),
                at(9, 0),
                holdId,
                SKU,
                action,
                nodeId,
                qty,
                ttlMillis,
                "WEB");
    }

    @Nested
    class Placing {
        @Test
        void aHoldSetsUnitsAsideAtTheNamedNodeAndTheyLeaveAtp() {
            ledger.apply(receipt(DC, 10, at(8, 0)));

            assertThat(ledger.hold(hold("H-1", DC, 4, FIFTEEN_MINUTES), T0))
                    .isEqualTo(Outcome.APPLIED);

            // 10 on hand - 0 reserved - 4 held - 0 safety = 6
            assertThat(ledger.held(DC)).isEqualTo(4);
            assertThat(ledger.atp(DC)).isEqualTo(6);
            assertThat(ledger.lastPublished(DC).atp()).isEqualTo(6);
            assertThat(ledger.positions.get(DC).publishedHeld).isEqualTo(4);
            assertThat(ledger.lastNetwork().networkAtp()).isEqualTo(6);
            HoldOutcome held = ledger.lastHoldOutcome();
            assertThat(held.type()).isEqualTo(Type.HELD);
            assertThat(held.nodeId()).isEqualTo(DC);
            assertThat(held.units()).isEqualTo(4);
            // T0 + 900,000 ms is even: rounded up to the odd millisecond after it
            assertThat(held.expiresAt()).isEqualTo(T0 + 900_001);
            assertThat(held.channel()).isEqualTo("WEB");
        }

        @Test
        void aHoldForAnyNodeGoesToTheOpenNodeWithTheMostAtp() {
            ledger.node(STORE, NodeType.STORE, NodeStatus.OPEN, 2);
            ledger.apply(receipt(STORE, 9, at(8, 0))); // ATP 9 - 2 = 7
            ledger.apply(receipt(DC, 8, at(8, 0))); // ATP 8
            ledger.apply(receipt(THREE_PL, 3, at(8, 0))); // ATP 3

            ledger.hold(hold("H-1", null, 5, FIFTEEN_MINUTES), T0);

            assertThat(ledger.lastHoldOutcome().nodeId()).isEqualTo(DC);
            assertThat(ledger.atp(DC)).isEqualTo(3); // 8 - 5
            // the next one: STORE 7 now has the most
            ledger.hold(hold("H-2", null, 5, FIFTEEN_MINUTES), T0);
            assertThat(ledger.lastHoldOutcome().nodeId()).isEqualTo(STORE);
            assertThat(ledger.atp(STORE)).isEqualTo(2); // 9 - 5 - 2
        }

        @Test
        void amongNodesWithEqualAtpTheSmallestNodeIdIsChosen() {
            ledger.apply(receipt(STORE, 5, at(8, 0)));
            ledger.apply(receipt(DC, 5, at(8, 0)));

            ledger.hold(hold("H-1", null, 1, FIFTEEN_MINUTES), T0);

            assertThat(ledger.lastHoldOutcome().nodeId()).isEqualTo(DC); // "DC-1" < "STORE-1"
        }

        @Test
        void aHoldNoSingleNodeCoversIsRefusedAndHoldsNothing() {
            ledger.apply(receipt(STORE, 6, at(8, 0)));
            ledger.apply(receipt(DC, 6, at(8, 0)));
            int published = ledger.availability.size();

            ledger.hold(hold("H-1", null, 7, FIFTEEN_MINUTES), T0); // 12 in all, 6 at most

            HoldOutcome refused = ledger.lastHoldOutcome();
            assertThat(refused.type()).isEqualTo(Type.REFUSED);
            assertThat(refused.nodeId()).isNull();
            assertThat(refused.reason())
                    .isEqualTo("only 6 available at DC-1 (the most of any OPEN node), 7 wanted");
            assertThat(ledger.held(DC)).isZero();
            assertThat(ledger.held(STORE)).isZero();
            assertThat(ledger.availability).hasSize(published);
            assertThat(ledger.holdStore.holds).isEmpty();
        }

        @Test
        void safetyStockIsNotHeld() {
            ledger.node(DC, NodeType.DC, NodeStatus.OPEN, 2);
            ledger.apply(receipt(DC, 10, at(8, 0))); // ATP 8

            ledger.hold(hold("H-1", DC, 8, FIFTEEN_MINUTES), T0);
            ledger.hold(hold("H-2", DC, 1, FIFTEEN_MINUTES), T0);

            assertThat(ledger.holdOutcomes)
                    .extracting(HoldOutcome::type)
                    .containsExactly(Type.HELD, Type.REFUSED);
            assertThat(ledger.holdOutcomes.get(1).reason())
                    .isEqualTo("only 0 available at DC-1, 1 wanted");
            assertThat(ledger.atp(DC)).isZero(); // 10 - 8 held - 2 safety
        }

        @Test
        void aClosedOrUnknownNodeOrASkuWithNoStockRefuses() {
            ledger.apply(receipt(DC, 10, at(8, 0)));
            ledger.changeNode(DC, NodeType.DC, NodeStatus.CLOSED, 0);

            ledger.hold(hold("H-1", DC, 1, FIFTEEN_MINUTES), T0);
            ledger.hold(hold("H-2", "NOWHERE", 1, FIFTEEN_MINUTES), T0);
            ledger.hold(hold("H-3", null, 1, FIFTEEN_MINUTES), T0);

            assertThat(ledger.holdOutcomes)
                    .extracting(HoldOutcome::reason)
                    .containsExactly(
                            "node DC-1 is CLOSED",
                            "unknown node NOWHERE",
                            "no OPEN node has SKU-1 available");
        }

        @Test
        void aHoldIdThatStandsIsRefusedAgainWhileARepeatedRequestIsADuplicate() {
            ledger.apply(receipt(DC, 10, at(8, 0)));
            HoldCommand first = hold("H-1", DC, 2, FIFTEEN_MINUTES);
            ledger.hold(first, T0);

            assertThat(ledger.hold(first, T0 + 5)).isEqualTo(Outcome.DUPLICATE);
            ledger.hold(hold("H-1", DC, 3, FIFTEEN_MINUTES), T0 + 5);

            assertThat(ledger.holdOutcomes)
                    .extracting(HoldOutcome::type)
                    .containsExactly(Type.HELD, Type.REFUSED);
            assertThat(ledger.lastHoldOutcome().reason())
                    .isEqualTo("hold H-1 already stands at DC-1");
            assertThat(ledger.held(DC)).isEqualTo(2);
        }
    }

    @Nested
    class HeldUnitsAreNotAvailable {
        @Test
        void aReservationCannotTakeHeldUnits() {
            ledger.apply(receipt(DC, 10, at(8, 0)));
            ledger.hold(hold("H-1", DC, 8, FIFTEEN_MINUTES), T0);

            ledger.handle(reserve("O-1", at(9, 5), List.of(), units(DC, 3)));

            // 10 - 8 held = 2 < 3
            assertThat(ledger.lastReply().kind).isEqualTo(StockReply.Kind.REFUSED);
            assertThat(ledger.reserved(DC)).isZero();
            assertThat(ledger.lastReply().units)
                    .extracting(u -> u.nodeId, u -> u.units)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(DC, 2L));
        }

        @Test
        void aSaleBelowTheHeldUnitsLeavesAtpAtZeroAndTheHoldStanding() {
            ledger.apply(receipt(DC, 10, at(8, 0)));
            ledger.hold(hold("H-1", DC, 8, FIFTEEN_MINUTES), T0);

            ledger.apply(sale(DC, 5, at(9, 10)));

            // max(0, 5 - 0 - 8 - 0) = 0; the hold is not moved
            assertThat(ledger.atp(DC)).isZero();
            assertThat(ledger.held(DC)).isEqualTo(8);
            ledger.hold(release("H-1"), T0 + 1_000);
            assertThat(ledger.atp(DC)).isEqualTo(5);
        }
    }

    @Nested
    class Ending {
        @Test
        void anExtensionMovesTheExpiryFromNow() {
            ledger.apply(receipt(DC, 10, at(8, 0)));
            ledger.hold(hold("H-1", DC, 4, FIFTEEN_MINUTES), T0);

            ledger.hold(extend("H-1", FIFTEEN_MINUTES), T0 + 600_000);

            HoldOutcome extended = ledger.lastHoldOutcome();
            assertThat(extended.type()).isEqualTo(Type.EXTENDED);
            // T0 + 600,000 + 900,000 = T0 + 1,500,000, even: + 1
            assertThat(extended.expiresAt()).isEqualTo(T0 + 1_500_001);
            assertThat(ledger.holdStore.holds.get("H-1").expiresAt).isEqualTo(T0 + 1_500_001);
            assertThat(ledger.expireHolds(T0 + 900_001)).as("the old expiry passes").isZero();
            assertThat(ledger.held(DC)).isEqualTo(4);
        }

        @Test
        void aReleaseGivesTheUnitsBackOnce() {
            ledger.apply(receipt(DC, 10, at(8, 0)));
            ledger.hold(hold("H-1", DC, 4, FIFTEEN_MINUTES), T0);

            ledger.hold(release("H-1"), T0 + 60_000);
            ledger.hold(release("H-1"), T0 + 61_000);

            assertThat(ledger.holdOutcomes)
                    .extracting(HoldOutcome::type)
                    .containsExactly(Type.HELD, Type.RELEASED, Type.REFUSED);
            HoldOutcome released = ledger.holdOutcomes.get(1);
            assertThat(released.nodeId()).isEqualTo(DC);
            assertThat(released.units()).isEqualTo(4);
            assertThat(released.expiresAt()).isEqualTo(HoldOutcome.NO_EXPIRY);
            assertThat(ledger.lastHoldOutcome().reason())
                    .isEqualTo("no hold H-1 stands (never held, released or expired)");
            assertThat(ledger.held(DC)).isZero();
            assertThat(ledger.atp(DC)).isEqualTo(10);
            assertThat(ledger.lastPublished(DC).atp()).isEqualTo(10);
            assertThat(ledger.holdStore.holds).isEmpty();
        }

        @Test
        void anExtensionOfAnUnknownHoldIsRefused() {
            ledger.hold(extend("H-9", FIFTEEN_MINUTES), T0);

            assertThat(ledger.lastHoldOutcome().type()).isEqualTo(Type.REFUSED);
            assertThat(ledger.lastHoldOutcome().holdId()).isEqualTo("H-9");
        }

        @Test
        void aHoldExpiresOnTheWallClockAndItsUnitsComeBack() {
            ledger.apply(receipt(DC, 10, at(8, 0)));
            ledger.hold(hold("H-1", DC, 4, FIFTEEN_MINUTES), T0);
            ledger.hold(hold("H-2", DC, 1, 2 * FIFTEEN_MINUTES), T0);

            assertThat(ledger.expireHolds(T0 + 900_000)).as("1 ms early").isZero();
            assertThat(ledger.expireHolds(T0 + 900_001)).isEqualTo(1);

            HoldOutcome expired = ledger.lastHoldOutcome();
            assertThat(expired.type()).isEqualTo(Type.EXPIRED);
            assertThat(expired.holdId()).isEqualTo("H-1");
            assertThat(expired.units()).isEqualTo(4);
            assertThat(expired.eventTime()).isEqualTo(T0 + 900_001);
            assertThat(expired.requestEventId()).isNull();
            // 10 - 1 still held by H-2
            assertThat(ledger.atp(DC)).isEqualTo(9);
            assertThat(ledger.lastPublished(DC).atp()).isEqualTo(9);
            assertThat(ledger.holdStore.holds).containsOnlyKeys("H-2");
        }
    }
}
