package io.omnistock.domain.planning;

import java.io.Serializable;

/** How much each normalised score part counts in a plan's total (lower total is better). */
public record ScoreWeights(double cost, double speed, double carbon) implements Serializable {

    public ScoreWeights {
        requireWeight("cost", cost);
        requireWeight("speed", speed);
        requireWeight("carbon", carbon);
    }

    private static void requireWeight(String name, double weight) {
        if (!(weight >= 0.0) || Double.isInfinite(weight)) {
            throw new IllegalArgumentException(name + " weight must be finite and >= 0: " + weight);
        }
    }

    /** cost x costPart + speed x speedPart + carbon x carbonPart. */
    public double weigh(double costPart, double speedPart, double carbonPart) {
        return cost * costPart + speed * speedPart + carbon * carbonPart;
    }
}
