package io.omnistock.domain.planning;

/**
 * Min-max normalisation of one score dimension over a set of plans: part = (x - min) / (max - min),
 * 0 for every plan when they all score the same. A spread of rounding noise (at most 1e-12 of the
 * larger magnitude) counts as no spread, so two plans equal on paper never end up 0 and 1.
 */
record MinMax(double min, double max) {
    private static final double NOISE = 1e-12;

    static MinMax of(double[] values) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double value : values) {
            min = Math.min(min, value);
            max = Math.max(max, value);
        }
        return new MinMax(min, max);
    }

    /** Where x sits between min (0) and max (1). */
    double part(double x) {
        double spread = max - min;
        if (spread <= NOISE * Math.max(Math.abs(min), Math.abs(max))) {
            return 0.0;
        }
        return (x - min) / spread;
    }
}
