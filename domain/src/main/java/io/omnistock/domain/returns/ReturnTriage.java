package io.omnistock.domain.returns;

import io.omnistock.avro.ConditionGrade;
import io.omnistock.avro.DispositionType;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Decides what becomes of a returned item (docs/design.md section 5): the first rule whose grade,
 * category and value match wins. The last rule must match everything, so every return is decided by
 * a named rule. A till RETURN on inventory.pos carries no grade and is restocked by {@link
 * #UNGRADED}, as docs/design.md rule 3.1 says; the rules judge graded returns (RETURN_RECEIVED).
 */
public final class ReturnTriage implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The rules the engine ships with (README "Returns"). */
    public static final String DEFAULT_RULES =
            "sealed: grade=A -> RESTOCK; "
                    + "opened-hygiene: grade=B & category=beauty|personal-care -> LIQUIDATE; "
                    + "opened: grade=B -> RESTOCK; "
                    + "used-valuable: grade=C & value>=40 -> REFURBISH; "
                    + "used: grade=C -> LIQUIDATE; "
                    + "broken-electronics: grade=D & category=electronics & value>=100 -> REFURBISH; "
                    + "rest: * -> RECYCLE";

    /** Decides ungraded till returns. */
    public static final TriageRule UNGRADED =
            new TriageRule(
                    "ungraded-till-return",
                    Set.of(),
                    Set.of(),
                    Double.NEGATIVE_INFINITY,
                    Double.POSITIVE_INFINITY,
                    DispositionType.RESTOCK);

    private final TriageRule[] rules;

    public ReturnTriage(List<TriageRule> rules) {
        if (rules.isEmpty()) {
            throw new IllegalArgumentException("no triage rules");
        }
        TriageRule last = rules.get(rules.size() - 1);
        if (!last.grades().isEmpty()
                || !last.categories().isEmpty()
                || last.minValue() != Double.NEGATIVE_INFINITY
                || last.maxValue() != Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException(
                    "the last triage rule must match every return ('name: * -> DISPOSITION'), was "
                            + last.name());
        }
        Set<String> names = new HashSet<>();
        for (TriageRule rule : rules) {
            if (!names.add(rule.name())) {
                throw new IllegalArgumentException("two triage rules are named " + rule.name());
            }
        }
        this.rules = rules.toArray(new TriageRule[0]);
    }

    public static ReturnTriage defaults() {
        return parse(DEFAULT_RULES);
    }

    /** The rule that decides this returned item. */
    public TriageRule decide(ReturnedItem item) {
        if (item.grade == null || item.grade == ConditionGrade.UNKNOWN) {
            return UNGRADED;
        }
        for (TriageRule rule : rules) {
            if (rule.matches(item.grade, item.category, item.unitValue)) {
                return rule;
            }
        }
        throw new IllegalStateException("the last rule matches everything");
    }

    public List<TriageRule> rules() {
        return List.of(rules);
    }

    /**
     * Reads rules separated by {@code ;}, each {@code name: condition & condition -> DISPOSITION},
     * a condition being {@code grade=A|B}, {@code category=a|b}, {@code value>=N} or {@code
     * value<N}, or {@code *} alone for none.
     *
     * @throws IllegalArgumentException naming the rule that does not read
     */
    public static ReturnTriage parse(String text) {
        List<TriageRule> rules = new ArrayList<>();
        for (String part : text.split(";")) {
            if (!part.isBlank()) {
                rules.add(parseRule(part.trim()));
            }
        }
        return new ReturnTriage(rules);
    }

    private static TriageRule parseRule(String text) {
        int colon = text.indexOf(':');
        int arrow = text.lastIndexOf("->");
        if (colon <= 0 || arrow < colon) {
            throw new IllegalArgumentException(
                    "triage rule '" + text + "' is not 'name: conditions -> DISPOSITION'");
        }
        String name = text.substring(0, colon).trim();
        DispositionType disposition;
        try {
            disposition =
                    DispositionType.valueOf(
                            text.substring(arrow + 2).trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "rule "
                            + name
                            + ": disposition must be RESTOCK, REFURBISH, LIQUIDATE or RECYCLE");
        }
        Set<ConditionGrade> grades = EnumSet.noneOf(ConditionGrade.class);
        Set<String> categories = new HashSet<>();
        double min = Double.NEGATIVE_INFINITY;
        double max = Double.POSITIVE_INFINITY;
        String conditions = text.substring(colon + 1, arrow).trim();
        if (!conditions.equals("*")) {
            for (String condition : conditions.split("&")) {
                String c = condition.trim().replace(" ", "");
                if (c.startsWith("grade=")) {
                    for (String g : c.substring(6).split("\\|")) {
                        grades.add(grade(name, g));
                    }
                } else if (c.startsWith("category=")) {
                    for (String category : c.substring(9).split("\\|")) {
                        categories.add(category);
                    }
                } else if (c.startsWith("value>=")) {
                    min = number(name, c.substring(7));
                } else if (c.startsWith("value<")) {
                    max = number(name, c.substring(6));
                } else {
                    throw new IllegalArgumentException(
                            "rule "
                                    + name
                                    + ": condition '"
                                    + condition.trim()
                                    + "' is not grade=, category=, value>= or value<");
                }
            }
        }
        return new TriageRule(name, grades, categories, min, max, disposition);
    }

    private static ConditionGrade grade(String rule, String text) {
        try {
            ConditionGrade grade = ConditionGrade.valueOf(text.toUpperCase(Locale.ROOT));
            if (grade != ConditionGrade.UNKNOWN) {
                return grade;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new IllegalArgumentException(
                "rule " + rule + ": grade must be A, B, C or D, was " + text);
    }

    private static double number(String rule, String text) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("rule " + rule + ": '" + text + "' is not a number");
        }
    }
}
