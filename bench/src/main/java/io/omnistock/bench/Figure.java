package io.omnistock.bench;

/**
 * One figure a benchmark measured in one run.
 *
 * @param name what it is, e.g. {@code ledger events/s}; the same name in every run
 * @param unit e.g. {@code events/s}, {@code ms}, {@code ratio}
 */
public record Figure(String name, String unit, double value) {}
