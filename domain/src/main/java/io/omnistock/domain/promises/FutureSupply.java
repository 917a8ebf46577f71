package io.omnistock.domain.promises;

import io.omnistock.domain.inventory.InboundShipment;
import io.omnistock.domain.inventory.InventoryEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Future ATP of a position (docs/concepts/inbound-promises.md): the units its inbound ASNs bring
 * that no order was promised, by ETA bucket. A bucket ends at the end of a UTC day on which an ASN
 * is due, and counts every unpromised unit due before it (cumulative), earliest first; an ASN with
 * no ETA counts in none. Plain Java.
 */
public final class FutureSupply {
    public static final long DAY_MILLIS = 24L * 60 * 60 * 1000;

    /** Unpromised inbound units due before {@code until}, all ASNs of a position together. */
    public record Bucket(long until, long units) {}

    private FutureSupply() {}

    /** The buckets of {@code inbound}, earliest first; empty when nothing unpromised is due. */
    public static List<Bucket> buckets(List<InboundShipment> inbound) {
        if (inbound.isEmpty()) {
            return List.of();
        }
        TreeMap<Long, Long> byDay = null;
        for (InboundShipment s : inbound) {
            long units = s.unpromised();
            if (units <= 0 || s.eta == InventoryEvent.NO_TIME) {
                continue;
            }
            if (byDay == null) {
                byDay = new TreeMap<>();
            }
            byDay.merge(endOfDay(s.eta), units, Long::sum);
        }
        if (byDay == null) {
            return List.of();
        }
        List<Bucket> buckets = new ArrayList<>(byDay.size());
        long cumulative = 0;
        for (var e : byDay.entrySet()) {
            cumulative += e.getValue();
            buckets.add(new Bucket(e.getKey(), cumulative));
        }
        return buckets;
    }

    /** The end (exclusive) of the UTC day of {@code time}. */
    public static long endOfDay(long time) {
        return Math.floorDiv(time, DAY_MILLIS) * DAY_MILLIS + DAY_MILLIS;
    }
}
