package io.omnistock.bench.ledger;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;

/**
 * JIT compilation and garbage collection time of this JVM since a point: part of the process CPU
 * time a variant is charged, printed next to its figures to tell a cold run from a warm one.
 */
record JvmActivity(long compileMillis, long gcMillis) {

    static JvmActivity now() {
        long gc = 0;
        for (GarbageCollectorMXBean bean : ManagementFactory.getGarbageCollectorMXBeans()) {
            gc += Math.max(0, bean.getCollectionTime());
        }
        return new JvmActivity(
                ManagementFactory.getCompilationMXBean().getTotalCompilationTime(), gc);
    }

    /** What happened from {@code start} to this snapshot. */
    JvmActivity since(JvmActivity start) {
        return new JvmActivity(compileMillis - start.compileMillis, gcMillis - start.gcMillis);
    }

    @Override
    public String toString() {
        return "JIT " + compileMillis + " ms, GC " + gcMillis + " ms";
    }
}
