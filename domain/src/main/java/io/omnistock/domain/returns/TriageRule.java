package io.omnistock.domain.returns;

import io.omnistock.avro.ConditionGrade;
import io.omnistock.avro.DispositionType;
import java.io.Serializable;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One triage rule: a return whose grade, category and unit value all match goes to {@code
 * disposition}. An empty grade or category set matches any; value bounds are inclusive below and
 * exclusive above, and a rule with a bound never matches a return without a value.
 *
 * <p>Text form (see {@link ReturnTriage#parse}): {@code name: grade=A|B & category=toys & value>=50
 * & value<200 -> RESTOCK}, or {@code name: * -> RECYCLE} to match everything.
 */
public record TriageRule(
        String name,
        Set<ConditionGrade> grades,
        Set<String> categories,
        double minValue,
        double maxValue,
        DispositionType disposition)
        implements Serializable {

    public TriageRule {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a triage rule needs a name");
        }
        if (disposition == null || disposition == DispositionType.UNKNOWN) {
            throw new IllegalArgumentException(
                    "rule "
                            + name
                            + ": disposition must be RESTOCK, REFURBISH, LIQUIDATE or RECYCLE");
        }
        grades = Set.copyOf(grades);
        categories =
                categories.stream()
                        .map(TriageRule::normalise)
                        .collect(Collectors.toUnmodifiableSet());
        if (minValue > maxValue) {
            throw new IllegalArgumentException(
                    "rule "
                            + name
                            + ": value>="
                            + minValue
                            + " and value<"
                            + maxValue
                            + " never match");
        }
    }

    /** Whether a return of this grade, category (or null) and unit value (or NaN) matches. */
    public boolean matches(ConditionGrade grade, String category, double unitValue) {
        if (!grades.isEmpty() && !grades.contains(grade)) {
            return false;
        }
        if (!categories.isEmpty()
                && (category == null || !categories.contains(normalise(category)))) {
            return false;
        }
        if (hasValueBound()) {
            return !Double.isNaN(unitValue) && unitValue >= minValue && unitValue < maxValue;
        }
        return true;
    }

    private boolean hasValueBound() {
        return minValue != Double.NEGATIVE_INFINITY || maxValue != Double.POSITIVE_INFINITY;
    }

    static String normalise(String category) {
        return category.trim().toLowerCase(Locale.ROOT);
    }
}
