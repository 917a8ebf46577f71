package io.omnistock.generator;

import java.util.PriorityQueue;

/** Records waiting to be sent, ordered by simulated arrival time, then by when they were added. */
final class ArrivalQueue {
    private final PriorityQueue<Entry> queue = new PriorityQueue<>();
    private long sequence;

    void add(GeneratedRecord record, long arrival) {
        queue.add(new Entry(arrival, sequence++, record));
    }

    /** Arrival time of the next record, or {@link Long#MAX_VALUE} when empty. */
    long nextArrival() {
        Entry head = queue.peek();
        return head == null ? Long.MAX_VALUE : head.arrival;
    }

    boolean isEmpty() {
        return queue.isEmpty();
    }

    GeneratedRecord poll() {
        return queue.remove().record;
    }

    private record Entry(long arrival, long seq, GeneratedRecord record)
            implements Comparable<Entry> {
        @Override
        public int compareTo(Entry o) {
            return arrival != o.arrival
                    ? Long.compare(arrival, o.arrival)
                    : Long.compare(seq, o.seq);
        }
    }
}
