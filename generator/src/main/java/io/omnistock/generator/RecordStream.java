package io.omnistock.generator;

import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The arrival-ordered record stream of a simulation, produced lazily: the world is advanced only
 * until the next record is certain (every record still to come arrives at or after the world's next
 * action time), so memory holds at most the records of the arrival horizon (6 h).
 */
final class RecordStream implements Iterator<GeneratedRecord> {
    private final InventoryWorld world;
    private final ArrivalQueue queue;

    RecordStream(InventoryWorld world, ArrivalQueue queue) {
        this.world = world;
        this.queue = queue;
    }

    /** A stream over the config's span; the ledger (nullable) receives the valid events. */
    static RecordStream open(
            NetworkConfig config,
            RetailNetwork network,
            StatsCounter stats,
            ReferenceLedger ledger) {
        ArrivalQueue queue = new ArrivalQueue();
        ArrivalPlanner planner = new ArrivalPlanner(config, network, queue, stats, ledger);
        return new RecordStream(new InventoryWorld(config, network, planner), queue);
    }

    @Override
    public boolean hasNext() {
        // An empty queue reports Long.MAX_VALUE, so it keeps the world stepping until the world
        // is done too (nextTime() is Long.MAX_VALUE exactly when no action is left).
        while (queue.nextArrival() > world.nextTime()) {
            if (!world.step()) {
                break;
            }
        }
        return !queue.isEmpty();
    }

    @Override
    public GeneratedRecord next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return queue.poll();
    }
}
