package io.omnistock.generator;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Customer orders for a generated network, on {@code orders.requests} (key = order id) and their
 * lifecycle on {@code orders.lifecycle}: a seeded stream of its own, next to the inventory stream
 * of {@link RetailEventGenerator} (which it never changes). Deterministic: the same {@link
 * NetworkConfig} gives the same bytes. Stateless and thread-safe.
 *
 * <p>The mix, all from the config's seed:
 *
 * <ul>
 *   <li>Volume: {@link NetworkConfig#ordersPerStoreHour()} per store, from the end of the opening
 *       hour, shaped by the customers' local time of day (nights 0.1-0.5 times the mean hour, an
 *       evening peak of 1.9 times). The default (4) is about one order per 20 inventory events.
 *   <li>Customers live within 8 km of a store (coordinates jittered around its site; postcode and
 *       region of the site).
 *   <li>Methods: SHIP_TO_HOME 60%, BOPIS 20%, CURBSIDE 8%, SAME_DAY 12%. Pickups are at an OPEN
 *       store offering the method (CURBSIDE falls back to BOPIS where no store offers it); SAME_DAY
 *       goes to customers with an OPEN same-day node within 20 km and is offered until 18:00 local,
 *       later ones become SHIP_TO_HOME (so about 64% go out as SHIP_TO_HOME, 7% as SAME_DAY).
 *   <li>Channels: home delivery WEB 45%, APP 30%, MARKETPLACE 15%, STORE 5%, CALL_CENTER 5%;
 *       pickups WEB 50%, APP 40%, STORE 5%, CALL_CENTER 5%; same day APP 60%, WEB 40%. STORE only
 *       in store hours (08-21 local) and CALL_CENTER only 08-20, else WEB. Marketplace orders do
 *       not allow ship-from-store.
 *   <li>Lines: 1 (55%), 2 (25%), 3 (12%) or 4 (8%) distinct SKUs by popularity (home delivery: the
 *       whole catalog; pickup and same day: the serving node's assortment), 1 unit (78%), 2 (17%)
 *       or 3 (5%) each.
 *   <li>Promise: home delivery 1-5 days (FASTEST 1-2), pickups 1-2 days, same day 22:00 local.
 *   <li>Preference: BALANCED 70%, FASTEST 12%, CHEAPEST 10%, GREENEST 8%.
 *   <li>Lifecycle: {@link NetworkConfig#orderCancelRate()} (5%) CANCELLED 2-45 min later; the
 *       others SHIPPED (home 3-30 h, same day 1-3 h later) or PICKED_UP (2-36 h later, in store
 *       hours). Nothing is sent past the simulated span.
 *   <li>Perturbations: exact re-sends at {@code duplicateRate} and bad orders or lifecycle events
 *       ({@link BadRecordKind#isOrderKind()}) at {@code malformedRate} per order.
 * </ul>
 *
 * <p>The generator does not see the engine's decisions: it ships or picks up whatever order it
 * placed, so an order the engine backorders in full gets a SHIPPED or PICKED_UP the engine rejects.
 * Nor does the inventory world see the orders: units the engine commits on SHIPPED are unknown to
 * later counts of the same position.
 */
public final class OrderGenerator {

    /** Every order record of the config's span in arrival order (valid, duplicate, malformed). */
    public static List<GeneratedRecord> generate(NetworkConfig config) {
        List<GeneratedRecord> records = new ArrayList<>();
        stream(config).forEachRemaining(records::add);
        return records;
    }

    /**
     * The order records of the config's span in arrival order (event-time order, but for exact
     * re-sends, which keep their original's time), simulated as they are consumed.
     */
    public static Iterator<GeneratedRecord> stream(NetworkConfig config) {
        return new OrderStream(config, RetailNetwork.build(config));
    }

    /**
     * One stream of both: each order record goes out as soon as the inventory stream has reached
     * its time (its event time is at or before the latest inventory timestamp sent), so orders
     * never run ahead of the inventory's event time; what is left of either goes out when the other
     * ends. Both iterators are consumed lazily.
     */
    public static Iterator<GeneratedRecord> interleave(
            Iterator<GeneratedRecord> inventory, Iterator<GeneratedRecord> orders) {
        return new Iterator<>() {
            private GeneratedRecord nextOrder;
            private long clock = Long.MIN_VALUE;

            @Override
            public boolean hasNext() {
                return nextOrder != null || orders.hasNext() || inventory.hasNext();
            }

            @Override
            public GeneratedRecord next() {
                if (nextOrder == null && orders.hasNext()) {
                    nextOrder = orders.next();
                }
                if (nextOrder != null && (nextOrder.timestamp() <= clock || !inventory.hasNext())) {
                    GeneratedRecord order = nextOrder;
                    nextOrder = null;
                    return order;
                }
                if (!inventory.hasNext()) {
                    throw new NoSuchElementException();
                }
                GeneratedRecord record = inventory.next();
                clock = Math.max(clock, record.timestamp());
                return record;
            }
        };
    }

    private OrderGenerator() {}
}
