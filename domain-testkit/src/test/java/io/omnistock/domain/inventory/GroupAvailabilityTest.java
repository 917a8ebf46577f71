package io.omnistock.domain.inventory;

import static io.omnistock.domain.inventory.LedgerEvents.DC;
import static io.omnistock.domain.inventory.LedgerEvents.STORE;
import static io.omnistock.domain.inventory.LedgerEvents.THREE_PL;
import static io.omnistock.domain.inventory.LedgerEvents.at;
import static io.omnistock.domain.inventory.LedgerEvents.receipt;
import static io.omnistock.domain.inventory.LedgerEvents.sale;
import static io.omnistock.domain.inventory.StockRequests.reserve;
import static io.omnistock.domain.inventory.StockRequests.units;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.omnistock.avro.NodeStatus;
import io.omnistock.avro.NodeType;
import io.omnistock.domain.inventory.RecordingLedgerOutput.Group;
import io.omnistock.ledger.domain.NodeInfo;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Group availability: on-hand, reserved and ATP summed over a group's OPEN nodes, published when a
 * group's figures for the SKU change. Figures are worked out by hand in the comments.
 */
class GroupAvailabilityTest {
    private final InMemoryLedger ledger = new InMemoryLedger();

    @BeforeEach
    void network() {
        // STORE-1 (safety stock 2) is in brand-a and east; DC-1 in east; 3PL-1 in no group
        ledger.node(STORE, NodeType.STORE, NodeStatus.OPEN, 2);
        ledger.nodes.get(STORE).inGroups(List.of("brand-a", "east"));
        ledger.nodes.get(DC).inGroups(List.of("east"));
    }

    @Test
    void aStockChangePublishesTheGroupsOfItsNodeOnly() {
        ledger.apply(receipt(STORE, 10, at(8, 0))); // STORE: on-hand 10, ATP 10 - 2 = 8
        assertThat(groups())
                .containsExactlyInAnyOrder(
                        tuple("brand-a", 10L, 0L, 8L, 1), tuple("east", 10L, 0L, 8L, 1));

        ledger.groups.clear();
        ledger.apply(receipt(DC, 20, at(8, 5))); // east: on-hand 10 + 20, ATP 8 + 20
        assertThat(groups()).containsExactly(tuple("east", 30L, 0L, 28L, 2));

        ledger.groups.clear();
        ledger.apply(receipt(THREE_PL, 5, at(8, 10)));
        assertThat(ledger.groups).as("3PL-1 is in no group").isEmpty();
    }

    @Test
    void aReservationMovesReservedAndAtpButNotOnHand() {
        ledger.apply(receipt(STORE, 10, at(8, 0)));
        ledger.apply(receipt(DC, 20, at(8, 5)));
        ledger.groups.clear();

        ledger.handle(reserve("O-1", at(9, 0), List.of(DC), units(DC, 3)));

        // east: on-hand 30, reserved 3, ATP 8 + (20 - 3) = 25; brand-a does not hold DC-1
        assertThat(groups()).containsExactly(tuple("east", 30L, 3L, 25L, 2));
    }

    @Test
    void aChangeThatMovesNoFigureOfAGroupPublishesNone() {
        ledger.apply(receipt(STORE, 1, at(8, 0))); // on-hand 1 under safety stock 2: ATP 0
        ledger.groups.clear();

        ledger.apply(receipt(STORE, 1, at(8, 5))); // on-hand 2: ATP still 0, on-hand moved
        assertThat(groups())
                .containsExactlyInAnyOrder(
                        tuple("brand-a", 2L, 0L, 0L, 1), tuple("east", 2L, 0L, 0L, 1));

        ledger.groups.clear();
        changeNode(DC, NodeStatus.OPEN, List.of("east")); // the same record again
        assertThat(ledger.groups).isEmpty();
    }

    @Test
    void aNodeLeavingAGroupRepublishesTheGroupItLeftOnly() {
        ledger.apply(receipt(STORE, 10, at(8, 0)));
        ledger.apply(receipt(DC, 20, at(8, 5)));
        long before = ledger.groups.get(ledger.groups.size() - 1).changes();
        ledger.groups.clear();

        changeGroups(STORE, List.of("brand-a"));

        // east keeps DC-1 only: on-hand 20, ATP 20, one node; brand-a's figures did not move
        assertThat(groups()).containsExactly(tuple("east", 20L, 0L, 20L, 1));
        assertThat(ledger.groups.get(0).changes()).isGreaterThan(before);
        assertThat(ledger.availability).as("the position's own figures did not move").hasSize(2);

        ledger.groups.clear();
        changeGroups(STORE, List.of("brand-a", "east")); // and back
        assertThat(groups()).containsExactly(tuple("east", 30L, 0L, 28L, 2));
    }

    @Test
    void aClosingNodeLeavesItsGroupsAndAGroupWithNoNodeIsPublishedEmpty() {
        ledger.apply(receipt(STORE, 10, at(8, 0)));
        ledger.apply(receipt(DC, 20, at(8, 5)));
        ledger.groups.clear();

        changeNode(STORE, NodeStatus.CLOSED, List.of("brand-a", "east"));
        assertThat(groups())
                .containsExactlyInAnyOrder(
                        tuple("brand-a", 0L, 0L, 0L, 0), tuple("east", 20L, 0L, 20L, 1));

        ledger.groups.clear();
        ledger.apply(sale(STORE, 1, at(9, 0)));
        assertThat(ledger.groups).as("a closed node counts in no group").isEmpty();

        changeNode(STORE, NodeStatus.OPEN, List.of("brand-a", "east")); // reopens: on-hand 9, ATP 7
        assertThat(groups())
                .containsExactlyInAnyOrder(
                        tuple("brand-a", 9L, 0L, 7L, 1), tuple("east", 29L, 0L, 27L, 2));
    }

    @Test
    void aGroupNamedTwiceOrBlankCountsOnceOrNot() {
        changeGroups(DC, List.of("east", "east", " "));

        ledger.apply(receipt(DC, 20, at(8, 5)));

        assertThat(groups()).containsExactly(tuple("east", 20L, 0L, 20L, 1));
    }

    @Test
    void versionsRiseWithEveryRecordAndTheTotalsRebuildFromThePositions() {
        ledger.apply(receipt(STORE, 10, at(8, 0)));
        ledger.apply(receipt(DC, 20, at(8, 5)));
        ledger.handle(reserve("O-1", at(9, 0), List.of(DC), units(DC, 3)));
        ledger.apply(sale(STORE, 4, at(9, 5)));
        changeGroups(STORE, List.of("brand-a"));
        changeNode(DC, NodeStatus.CLOSED, List.of("east"));
        ledger.apply(receipt(STORE, 2, at(9, 10)));

        for (String group : List.of("brand-a", "east")) {
            assertThat(ledger.groups.stream().filter(g -> g.group().equals(group)))
                    .as("versions of " + group)
                    .extracting(Group::changes)
                    .hasSizeGreaterThan(1)
                    .isSorted()
                    .doesNotHaveDuplicates();
        }
        GroupTotals live = ledger.state.groups();
        GroupTotals rebuilt = ledger.state.rebuiltGroups();
        assertThat(rebuilt.changes()).isEqualTo(live.changes());
        for (String group : List.of("brand-a", "east")) {
            assertThat(String.valueOf(rebuilt.of(group)))
                    .as(group)
                    .isEqualTo(String.valueOf(live.of(group)));
        }
        // brand-a: STORE on-hand 10 - 4 + 2 = 8, ATP 6; east: DC closed and STORE left, none
        assertThat(live.of("brand-a"))
                .extracting(
                        GroupTotals.Figures::onHand,
                        GroupTotals.Figures::atp,
                        GroupTotals.Figures::nodes)
                .containsExactly(8L, 6L, 1);
        assertThat(live.of("east")).isNull();
        assertThat(last("east")).isEqualTo(new Group("east", 0, 0, 0, 0, last("east").changes()));
    }

    private void changeGroups(String nodeId, List<String> groups) {
        changeNode(nodeId, ledger.nodes.get(nodeId).status, groups);
    }

    /** A new record of the node, as the broadcast side hands the ledger. */
    private void changeNode(String nodeId, NodeStatus status, List<String> groups) {
        NodeInfo was = ledger.nodes.get(nodeId);
        NodeInfo node = new NodeInfo(nodeId, was.type, status, was.safetyStock);
        node.inGroups(new ArrayList<>(groups));
        ledger.nodes.put(nodeId, node);
        ledger.ledger.nodeChanged(LedgerEvents.SKU, node, 0, "node-change", ledger.state, ledger);
    }

    private Group last(String group) {
        return ledger.groups.stream()
                .filter(g -> g.group().equals(group))
                .reduce((a, b) -> b)
                .orElseThrow();
    }

    private List<org.assertj.core.groups.Tuple> groups() {
        return ledger.groups.stream()
                .map(g -> tuple(g.group(), g.onHand(), g.reserved(), g.atp(), g.nodes()))
                .toList();
    }
}
