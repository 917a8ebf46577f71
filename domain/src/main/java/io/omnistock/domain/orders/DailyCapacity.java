package io.omnistock.domain.orders;

import io.omnistock.ledger.domain.NodeInfo;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Orders booked per node per day (UTC) by one routing subtask. Orders are spread over subtasks by
 * order id, so each subtask may book its share of a node's daily capacity: capacity / parallelism
 * (at least 1). Together they never book more than the capacity, unless a node's capacity is
 * smaller than the parallelism.
 */
public final class DailyCapacity {
    private static final long DAY_MILLIS = 24L * 3600 * 1000;

    private final Map<String, Long> booked = new HashMap<>();
    private int parallelism = 1;
    private long latestDay = Long.MIN_VALUE;

    public void setParallelism(int parallelism) {
        this.parallelism = Math.max(1, parallelism);
    }

    public boolean hasCapacity(NodeInfo node, long orderTime) {
        if (node.dailyOrderCapacity <= 0) {
            return true; // unlimited
        }
        long share = Math.max(1, node.dailyOrderCapacity / parallelism);
        return booked.getOrDefault(key(node.nodeId, day(orderTime)), 0L) < share;
    }

    public void book(NodeInfo node, long orderTime) {
        long day = day(orderTime);
        booked.merge(key(node.nodeId, day), 1L, Long::sum);
        if (day > latestDay) {
            latestDay = day;
            forgetBefore(day - 1); // late orders of yesterday still count against yesterday
        }
    }

    /**
     * Restores from the bookings of every subtask before a restart (or rescale): each subtask takes
     * an even share of the total, rounded up.
     */
    public void restore(Map<String, Long> allSubtasks) {
        allSubtasks.forEach(
                (nodeDay, orders) -> {
                    booked.put(nodeDay, (orders + parallelism - 1) / parallelism);
                    latestDay = Math.max(latestDay, dayOf(nodeDay));
                });
    }

    /** The bookings, keyed {@code nodeId@day}. */
    public Map<String, Long> snapshot() {
        return booked;
    }

    private void forgetBefore(long day) {
        Iterator<String> keys = booked.keySet().iterator();
        while (keys.hasNext()) {
            String k = keys.next();
            if (dayOf(k) < day) {
                keys.remove();
            }
        }
    }

    private static long dayOf(String nodeDay) {
        return Long.parseLong(nodeDay.substring(nodeDay.lastIndexOf('@') + 1));
    }

    private static long day(long time) {
        return Math.floorDiv(time, DAY_MILLIS);
    }

    private static String key(String nodeId, long day) {
        return nodeId + '@' + day;
    }
}
