package io.omnistock.generator;

/** Sequential ids with a fixed prefix ({@code prefix + base-36 counter}); unique per prefix. */
final class IdSource {
    private final String prefix;
    private long next;

    IdSource(String prefix) {
        this.prefix = prefix;
    }

    /** The ids of one run share the seed, so runs with different seeds never collide. */
    static IdSource forRun(String kind, long seed) {
        return new IdSource(kind + "-" + Long.toUnsignedString(seed, 36) + "-");
    }

    String next() {
        return prefix + Long.toString(next++, 36);
    }
}
