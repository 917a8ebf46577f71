package io.omnistock.domain.inventory;

import io.omnistock.ledger.domain.NodeInfo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Availability of one SKU in each node group it has stock in: on-hand, reserved and ATP summed over
 * the group's OPEN nodes that hold a position, by the rule of the network totals ({@link
 * NetworkTotals}). Derived state, like the network totals: each position's share is what it last
 * published ({@link Position#publishedOnHand}, {@link Position#publishedReserved}, {@link
 * Position#countedAtp}, counted while {@link Position#countedInNetwork}) in the groups its node
 * belonged to then, so the totals are rebuilt from the positions and the node reference data
 * ({@link #addShareOf}) and never stored. The ledger moves a position's share as it publishes it
 * ({@link #move}) and, at the end of a change, publishes the groups whose figures moved.
 *
 * <p>Their version is the SKU's change count: the sum over its positions of {@link
 * Position#version} and {@link Position#networkChanges}, which rises with every change of any
 * group's figures and is rebuilt with them. Holds nothing for a SKU whose nodes belong to no group.
 * Not thread-safe.
 */
public final class GroupTotals {

    /** One group's figures for the SKU. */
    public static final class Figures {
        long onHand;
        long reserved;
        long atp;
        int nodes;

        Figures() {}

        Figures(Figures other) {
            onHand = other.onHand;
            reserved = other.reserved;
            atp = other.atp;
            nodes = other.nodes;
        }

        public long onHand() {
            return onHand;
        }

        public long reserved() {
            return reserved;
        }

        public long atp() {
            return atp;
        }

        /** OPEN nodes of the group that hold a position for the SKU. */
        public int nodes() {
            return nodes;
        }

        boolean sameAs(Figures other) {
            return onHand == other.onHand
                    && reserved == other.reserved
                    && atp == other.atp
                    && nodes == other.nodes;
        }

        @Override
        public String toString() {
            return "onHand=" + onHand + " reserved=" + reserved + " atp=" + atp + " nodes=" + nodes;
        }
    }

    private static final Figures NONE = new Figures();

    /** A position's share: its figures and the groups they are counted in. */
    private static final class Share {
        /** The node's group list as the share was counted (compared with the node's next). */
        List<String> source;

        /** {@link #source} without blanks and repeats: where the figures are counted. */
        List<String> groups;

        long onHand;
        long reserved;
        long atp;
    }

    /** Shares by node id, only of positions counted in at least one group; null while none. */
    private Map<String, Share> shares;

    /** Figures by group; null while none. */
    private Map<String, Figures> byGroup;

    /** The figures, at the start of the change in progress, of the groups it touched; lazy. */
    private Map<String, Figures> before;

    /** The SKU's change count (see the class comment): the low bits of the groups' versions. */
    private long changes;

    public GroupTotals() {}

    /**
     * Adds a position's share, as it stands, when the totals are rebuilt from the positions.
     *
     * @param node the node's reference data as the position's share was last counted, or null
     */
    public void addShareOf(String nodeId, Position p, NodeInfo node) {
        changes += p.version + p.networkChanges;
        List<String> groups = countedGroups(p, node);
        if (!groups.isEmpty()) {
            Share share = new Share();
            setGroups(share, groups);
            setFigures(share, p);
            shares().put(nodeId, share);
            add(share, 1, false);
        }
    }

    /** The figures of a group, or null when none of its OPEN nodes holds a position. */
    public Figures of(String group) {
        Figures f = byGroup == null ? null : byGroup.get(group);
        return f == null || f.nodes == 0 ? null : f;
    }

    /** The SKU's change count: the low 32 bits of the versions of its group records. */
    public long changes() {
        return changes;
    }

    /** Counts {@code n} changes of the SKU's positions (a version or network share moved). */
    void countChanges(long n) {
        changes += n;
    }

    /** Starts a change: the groups it moves are compared with their figures now at its end. */
    void beginChange() {
        if (before != null) {
            before.clear();
        }
    }

    /**
     * Moves the share of the position at {@code nodeId} to what its published figures and {@code
     * node}'s groups make it. Returns whether it moved.
     */
    boolean move(String nodeId, Position p, NodeInfo node) {
        List<String> groups = countedGroups(p, node);
        Share share = shares == null ? null : shares.get(nodeId);
        if (share == null) {
            if (groups.isEmpty()) {
                return false;
            }
            share = new Share();
        } else {
            boolean sameGroups = share.source.equals(groups);
            if (sameGroups
                    && share.onHand == p.publishedOnHand
                    && share.reserved == p.publishedReserved
                    && share.atp == p.countedAtp) {
                return false;
            }
            add(share, -1, true);
            if (groups.isEmpty()) {
                shares.remove(nodeId);
                return true;
            }
        }
        if (share.source == null || !share.source.equals(groups)) {
            setGroups(share, groups);
        }
        setFigures(share, p);
        shares().put(nodeId, share);
        add(share, 1, true);
        return true;
    }

    /**
     * Ends a change: hands {@code out} every group whose figures moved during it, with the SKU's
     * change count; a group left with no node is published once with zero figures and forgotten.
     */
    void endChange(String sku, long eventTime, SkuLedger.Output out) {
        if (before == null || before.isEmpty()) {
            return;
        }
        for (Map.Entry<String, Figures> e : before.entrySet()) {
            String group = e.getKey();
            Figures now = byGroup.get(group);
            if (!now.sameAs(e.getValue())) {
                out.group(sku, group, now, changes, eventTime);
            }
            if (now.nodes == 0) {
                byGroup.remove(group);
            }
        }
        before.clear();
    }

    private void add(Share share, int sign, boolean tracked) {
        if (byGroup == null) {
            byGroup = new HashMap<>();
        }
        for (String group : share.groups) {
            Figures f = byGroup.computeIfAbsent(group, g -> new Figures());
            if (tracked) {
                if (before == null) {
                    before = new HashMap<>();
                }
                if (!before.containsKey(group)) {
                    before.put(group, f.nodes == 0 ? NONE : new Figures(f));
                }
            }
            f.onHand += sign * share.onHand;
            f.reserved += sign * share.reserved;
            f.atp += sign * share.atp;
            f.nodes += sign;
        }
    }

    private Map<String, Share> shares() {
        if (shares == null) {
            shares = new HashMap<>();
        }
        return shares;
    }

    private static void setFigures(Share share, Position p) {
        share.onHand = p.publishedOnHand;
        share.reserved = p.publishedReserved;
        share.atp = p.countedAtp;
    }

    private static void setGroups(Share share, List<String> groups) {
        share.source = new ArrayList<>(groups);
        List<String> distinct = new ArrayList<>(groups.size());
        for (String group : groups) {
            if (group != null && !group.isBlank() && !distinct.contains(group)) {
                distinct.add(group);
            }
        }
        share.groups = distinct;
    }

    /** The groups a position's share counts in: its node's, while the node is counted OPEN. */
    private static List<String> countedGroups(Position p, NodeInfo node) {
        if (!p.countedInNetwork || node == null || node.groups == null) {
            return List.of();
        }
        return node.groups;
    }
}
