package io.omnistock.generator;

import java.util.Arrays;
import java.util.SplittableRandom;

/** Draws indices with probability proportional to fixed weights (cumulative table + search). */
final class WeightedSampler {
    private final double[] cumulative;

    WeightedSampler(double[] weights) {
        if (weights.length == 0) {
            throw new IllegalArgumentException("no weights");
        }
        cumulative = new double[weights.length];
        double sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += weights[i];
            cumulative[i] = sum;
        }
    }

    /** An index in {@code [0, size)}. */
    int sample(SplittableRandom rng) {
        double u = rng.nextDouble() * cumulative[cumulative.length - 1];
        int i = Arrays.binarySearch(cumulative, u);
        int index = i >= 0 ? i + 1 : -i - 1;
        return Math.min(index, cumulative.length - 1);
    }

    /** Sum of all weights. */
    double total() {
        return cumulative[cumulative.length - 1];
    }
}
