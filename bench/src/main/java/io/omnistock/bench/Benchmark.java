package io.omnistock.bench;

import java.util.List;

/**
 * One benchmark of the suite. {@link #runOnce} measures once and returns every figure of that run,
 * its baselines and their ratios included (measured in the same run, on the same input). A
 * benchmark never asserts a time.
 */
public interface Benchmark {
    /** Short and stable: used by {@code --only} and as the section name in RESULTS.md. */
    String name();

    /** What is measured, on what input, in what configuration, and the target if there is one. */
    String description();

    List<Figure> runOnce(BenchSettings settings) throws Exception;

    /**
     * Whether the suite runs it without being named: false for a benchmark only {@code --only} runs
     * (the half-hour soak).
     */
    default boolean inSuite() {
        return true;
    }

    /** How many times to run when {@code requested} runs were asked for. */
    default int runs(int requested) {
        return requested;
    }
}
