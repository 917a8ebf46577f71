package io.omnistock.domain.network;

import io.omnistock.avro.DeadLetterReason;
import io.omnistock.avro.NodeRecord;
import io.omnistock.domain.inventory.Rejection;
import io.omnistock.domain.planning.GeoPoint;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks node reference data as strictly as events: a node record that would let the ledger publish
 * ATP above what is on the shelf, or plan with impossible figures, is dead-lettered, never applied.
 * Every defect of a record is reported, in this documented order; the dead letter's reason is the
 * first one's:
 *
 * <ol>
 *   <li>{@code INVALID_NODE_RECORD}: no node id or no region;
 *   <li>{@code INVALID_COORDINATES}: latitude or longitude off the globe (or not a number);
 *   <li>{@code INVALID_NODE_RECORD}: negative safety stock (it would raise ATP above on-hand);
 *   <li>{@code ABSURD_QUANTITY}: safety stock above {@code ledger.max-quantity}, the bound every
 *       event quantity is held to;
 *   <li>{@code INVALID_NODE_RECORD}: negative daily order capacity;
 *   <li>{@code INVALID_NODE_RECORD}: negative or non-finite handling cost;
 *   <li>{@code INVALID_NODE_RECORD}: node groups with a blank name, a name listed twice, or more
 *       than {@link #MAX_GROUPS} of them.
 * </ol>
 *
 * The record's key is checked against its node id between the first check and the others, by the
 * function that reads it.
 */
public final class NodeRecordValidator {
    /** The most node groups one node may belong to. */
    public static final int MAX_GROUPS = 32;

    private final long maxQuantity;

    /**
     * @param maxQuantity the largest plausible quantity ({@code ledger.max-quantity})
     */
    public NodeRecordValidator(long maxQuantity) {
        this.maxQuantity = maxQuantity;
    }

    /** Null when the record names its node and region, else why not. */
    public Rejection checkIdentity(NodeRecord record) {
        return isBlank(record.getNodeId()) || isBlank(record.getRegion())
                ? new Rejection(
                        DeadLetterReason.INVALID_NODE_RECORD, "nodeId and region are required")
                : null;
    }

    /**
     * Null when the record's figures can be applied, else a rejection with the first defect's
     * reason and every defect in the documented order.
     */
    public Rejection checkFigures(NodeRecord record) {
        List<Rejection> defects = defects(record);
        if (defects.isEmpty()) {
            return null;
        }
        List<String> messages = new ArrayList<>();
        for (Rejection defect : defects) {
            messages.add(defect.message());
        }
        return new Rejection(defects.get(0).reason(), String.join("; ", messages));
    }

    /** Every defect of the figures, in the documented order. */
    List<Rejection> defects(NodeRecord record) {
        List<Rejection> defects = new ArrayList<>();
        if (!GeoPoint.isOnGlobe(record.getLatitude(), record.getLongitude())) {
            defects.add(
                    new Rejection(
                            DeadLetterReason.INVALID_COORDINATES,
                            "lat/lon " + record.getLatitude() + "," + record.getLongitude()));
        }
        int safetyStock = record.getSafetyStock();
        if (safetyStock < 0) {
            defects.add(
                    new Rejection(
                            DeadLetterReason.INVALID_NODE_RECORD,
                            "safetyStock " + safetyStock + " is negative"));
        } else if (safetyStock > maxQuantity) {
            defects.add(
                    new Rejection(
                            DeadLetterReason.ABSURD_QUANTITY,
                            "safetyStock " + safetyStock + " is above " + maxQuantity));
        }
        if (record.getDailyOrderCapacity() < 0) {
            defects.add(
                    new Rejection(
                            DeadLetterReason.INVALID_NODE_RECORD,
                            "dailyOrderCapacity "
                                    + record.getDailyOrderCapacity()
                                    + " is negative"));
        }
        double cost = record.getHandlingCost();
        if (!(cost >= 0) || Double.isInfinite(cost)) {
            defects.add(
                    new Rejection(
                            DeadLetterReason.INVALID_NODE_RECORD,
                            "handlingCost " + cost + " is not a non-negative amount"));
        }
        Rejection groups = checkGroups(record.getGroups());
        if (groups != null) {
            defects.add(groups);
        }
        return defects;
    }

    /** Null when the node groups can be applied, else every defect of them in one rejection. */
    private static Rejection checkGroups(List<String> groups) {
        if (groups == null || groups.isEmpty()) {
            return null;
        }
        List<String> problems = new ArrayList<>();
        if (groups.size() > MAX_GROUPS) {
            problems.add(groups.size() + " groups, at most " + MAX_GROUPS);
        }
        Set<String> seen = new HashSet<>();
        Set<String> repeated = new LinkedHashSet<>();
        boolean blank = false;
        for (String group : groups) {
            if (isBlank(group)) {
                blank = true;
            } else if (!seen.add(group)) {
                repeated.add(group);
            }
        }
        if (blank) {
            problems.add("a group name is blank");
        }
        if (!repeated.isEmpty()) {
            problems.add("groups listed twice: " + String.join(",", repeated));
        }
        return problems.isEmpty()
                ? null
                : new Rejection(
                        DeadLetterReason.INVALID_NODE_RECORD,
                        "groups: " + String.join(", ", problems));
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
