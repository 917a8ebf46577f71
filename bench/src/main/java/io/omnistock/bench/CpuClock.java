package io.omnistock.bench;

import java.lang.management.ManagementFactory;

/**
 * Wall time and this process's CPU time over an interval: how many cores were busy, and the CPU
 * cost of each unit of work. Everything of a benchmark runs in this JVM, so the process's CPU time
 * is the cost of the thing measured (plus the JIT and GC it causes).
 */
public final class CpuClock {
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private final long startNanos = System.nanoTime();
    private final long startCpuNanos = OS.getProcessCpuTime();

    /** What the interval from construction to now cost. */
    public Interval stop() {
        return new Interval(System.nanoTime() - startNanos, OS.getProcessCpuTime() - startCpuNanos);
    }

    public record Interval(long wallNanos, long cpuNanos) {
        public double seconds() {
            return wallNanos / 1e9;
        }

        /** Average number of cores busy. */
        public double busyCores() {
            return (double) cpuNanos / wallNanos;
        }

        public double perSecond(long units) {
            return units / seconds();
        }

        /** Units per second per busy core. */
        public double perBusyCoreSecond(long units) {
            return units / (cpuNanos / 1e9);
        }

        public double cpuMicrosPer(long units) {
            return cpuNanos / 1e3 / units;
        }
    }
}
