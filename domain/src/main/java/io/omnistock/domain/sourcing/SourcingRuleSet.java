package io.omnistock.domain.sourcing;

import io.omnistock.avro.FulfilmentMethod;
import io.omnistock.avro.NodeType;
import io.omnistock.avro.RoutingPreference;
import io.omnistock.domain.planning.ScoreWeights;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A published, versioned set of sourcing rules (docs/concepts/sourcing-rules.md): the first rule
 * whose conditions an order meets decides it; an order no rule matches is routed under the job's
 * options (the fallback).
 *
 * <p>Text form, one rule per line ({@code #} starts a comment, blank lines are skipped):
 *
 * <pre>
 * name: condition &amp; condition -&gt; strategy &amp; strategy
 * name: * -&gt; DEFAULT
 * name: condition -&gt; BACKORDER | HOLD_FOR_REVIEW ["reason"]
 * name: condition -&gt; REJECT "reason"
 * </pre>
 *
 * Conditions: {@code channel=A|B}, {@code region=A|B}, {@code category=A|B} (any line's SKU of one
 * of them, by its reference.skus category), {@code method=SHIP_TO_HOME|...}, {@code
 * preference=GREENEST|...}, {@code units>=N}, {@code units<N}, {@code value>=X}, {@code value<X},
 * {@code hours=H-H} (UTC hours of the order's event time, from inclusive to exclusive, wrapping
 * past midnight), or {@code *} alone for none. Strategy terms: {@code nodes=DC|STORE|...} (node
 * types), {@code groups=A|B}, {@code exclude=N1|N2}, {@code max-split=N}, {@code weights=C/S/K}
 * (cost/speed/carbon, for every preference), {@code split-penalty=X}, or {@code DEFAULT} alone.
 */
public final class SourcingRuleSet implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Most rules a set may hold (each is checked against every order in turn). */
    public static final int MAX_RULES = 200;

    private final String id;
    private final long version;
    private final List<SourcingRule> rules;

    public SourcingRuleSet(String id, long version, List<SourcingRule> rules) {
        this.id = id;
        this.version = version;
        this.rules = List.copyOf(rules);
    }

    public String id() {
        return id;
    }

    public long version() {
        return version;
    }

    public List<SourcingRule> rules() {
        return rules;
    }

    /** The first rule the order meets; null when none does (the job options decide). */
    public SourcingRule match(OrderFacts order) {
        for (SourcingRule rule : rules) {
            if (rule.matches(order)) {
                return rule;
            }
        }
        return null;
    }

    /**
     * Reads a rule set.
     *
     * @throws RuleSetException naming the first line that does not read and why
     */
    public static SourcingRuleSet parse(String id, long version, String text) {
        if (text == null || text.isBlank()) {
            throw new RuleSetException(0, "the rule set is empty");
        }
        List<SourcingRule> rules = new ArrayList<>();
        Set<String> names = new HashSet<>();
        String[] lines = text.split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = stripComment(lines[i]).trim();
            if (line.isEmpty()) {
                continue;
            }
            int number = i + 1;
            SourcingRule rule = parseRule(line, number);
            if (!names.add(rule.name())) {
                throw new RuleSetException(number, "two rules are named " + rule.name());
            }
            rules.add(rule);
            if (rules.size() > MAX_RULES) {
                throw new RuleSetException(number, "more than " + MAX_RULES + " rules");
            }
        }
        if (rules.isEmpty()) {
            throw new RuleSetException(0, "the rule set holds no rule");
        }
        return new SourcingRuleSet(id, version, rules);
    }

    private static String stripComment(String line) {
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == '#' && !quoted) {
                return line.substring(0, i);
            }
        }
        return line;
    }

    private static SourcingRule parseRule(String text, int line) {
        int colon = text.indexOf(':');
        int arrow = text.indexOf("->");
        if (colon <= 0 || arrow < colon) {
            throw new RuleSetException(line, "not 'name: conditions -> outcome'");
        }
        String name = text.substring(0, colon).trim();
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9_.-]*")) {
            throw new RuleSetException(
                    line, "rule name '" + name + "' is not letters, digits, '-', '_' or '.'");
        }
        RuleConditions when = conditions(text.substring(colon + 1, arrow).trim(), line);
        String outcome = text.substring(arrow + 2).trim();
        if (outcome.isEmpty()) {
            throw new RuleSetException(line, "rule " + name + " has no outcome after '->'");
        }
        String word = outcome.split("[\\s\"]", 2)[0].toUpperCase(Locale.ROOT);
        for (SourcingAction action :
                List.of(
                        SourcingAction.BACKORDER,
                        SourcingAction.HOLD_FOR_REVIEW,
                        SourcingAction.REJECT)) {
            if (word.equals(action.name())) {
                String reason = reason(outcome.substring(word.length()).trim(), name, line);
                if (reason == null) {
                    if (action == SourcingAction.REJECT) {
                        throw new RuleSetException(
                                line, "rule " + name + ": REJECT needs a \"reason\"");
                    }
                    reason = action.name();
                }
                return new SourcingRule(name, line, when, action, SourcingStrategy.DEFAULT, reason);
            }
        }
        return new SourcingRule(
                name, line, when, SourcingAction.ROUTE, strategy(outcome, name, line), null);
    }

    private static String reason(String rest, String rule, int line) {
        if (rest.isEmpty()) {
            return null;
        }
        if (rest.length() < 2 || !rest.startsWith("\"") || !rest.endsWith("\"")) {
            throw new RuleSetException(
                    line, "rule " + rule + ": the reason must be one \"quoted text\"");
        }
        String reason = rest.substring(1, rest.length() - 1).trim();
        if (reason.isEmpty() || reason.contains("\"")) {
            throw new RuleSetException(
                    line, "rule " + rule + ": the reason must be one \"quoted text\"");
        }
        return reason;
    }

    private static RuleConditions conditions(String text, int line) {
        if (text.equals("*")) {
            return RuleConditions.ANY;
        }
        if (text.isEmpty()) {
            throw new RuleSetException(line, "no conditions: write * to match every order");
        }
        Set<String> channels = new HashSet<>();
        Set<String> regions = new HashSet<>();
        Set<String> categories = new HashSet<>();
        Set<FulfilmentMethod> methods = EnumSet.noneOf(FulfilmentMethod.class);
        Set<RoutingPreference> preferences = EnumSet.noneOf(RoutingPreference.class);
        int minUnits = 0;
        int maxUnits = Integer.MAX_VALUE;
        double minValue = Double.NEGATIVE_INFINITY;
        double maxValue = Double.POSITIVE_INFINITY;
        int fromHour = -1;
        int toHour = -1;
        for (String part : text.split("&")) {
            String c = part.replace(" ", "").replace("\t", "");
            if (c.startsWith("channel=")) {
                channels.addAll(names(c.substring(8), "channel", line));
            } else if (c.startsWith("region=")) {
                regions.addAll(names(c.substring(7), "region", line));
            } else if (c.startsWith("category=")) {
                categories.addAll(names(c.substring(9), "category", line));
            } else if (c.startsWith("method=")) {
                for (String m : names(c.substring(7), "method", line)) {
                    methods.add(symbol(FulfilmentMethod.class, m, "method", line));
                }
            } else if (c.startsWith("preference=")) {
                for (String p : names(c.substring(11), "preference", line)) {
                    preferences.add(symbol(RoutingPreference.class, p, "preference", line));
                }
            } else if (c.startsWith("units>=")) {
                minUnits = (int) whole(c.substring(7), "units", line);
            } else if (c.startsWith("units<")) {
                maxUnits = (int) whole(c.substring(6), "units", line);
            } else if (c.startsWith("value>=")) {
                minValue = number(c.substring(7), "value", line);
            } else if (c.startsWith("value<")) {
                maxValue = number(c.substring(6), "value", line);
            } else if (c.startsWith("hours=")) {
                String[] hours = c.substring(6).split("-");
                if (hours.length != 2) {
                    throw new RuleSetException(line, "hours must read FROM-TO, e.g. hours=22-6");
                }
                fromHour = hour(hours[0], line);
                toHour = hour(hours[1], line);
                if (fromHour == toHour) {
                    throw new RuleSetException(line, "hours=" + c.substring(6) + " is empty");
                }
            } else {
                throw new RuleSetException(
                        line,
                        "condition '"
                                + part.trim()
                                + "' is not channel=, region=, category=, method=, preference=,"
                                + " units>=, units<, value>=, value< or hours=");
            }
        }
        if (minUnits >= maxUnits) {
            throw new RuleSetException(line, "units>= and units< never match together");
        }
        if (minValue >= maxValue) {
            throw new RuleSetException(line, "value>= and value< never match together");
        }
        return new RuleConditions(
                channels,
                regions,
                methods,
                preferences,
                minUnits,
                maxUnits,
                minValue,
                maxValue,
                fromHour,
                toHour,
                categories);
    }

    private static SourcingStrategy strategy(String text, String rule, int line) {
        if (text.equalsIgnoreCase("DEFAULT")) {
            return SourcingStrategy.DEFAULT;
        }
        Set<NodeType> types = EnumSet.noneOf(NodeType.class);
        Set<String> groups = new HashSet<>();
        Set<String> excluded = new HashSet<>();
        int maxSplit = 0;
        ScoreWeights weights = null;
        double splitPenalty = Double.NaN;
        for (String part : text.split("&")) {
            String t = part.replace(" ", "").replace("\t", "");
            if (t.startsWith("nodes=")) {
                for (String type : names(t.substring(6), "nodes", line)) {
                    types.add(symbol(NodeType.class, type, "node type", line));
                }
            } else if (t.startsWith("groups=")) {
                groups.addAll(names(t.substring(7), "groups", line));
            } else if (t.startsWith("exclude=")) {
                excluded.addAll(names(t.substring(8), "exclude", line));
            } else if (t.startsWith("max-split=")) {
                maxSplit = (int) whole(t.substring(10), "max-split", line);
                if (maxSplit < 1) {
                    throw new RuleSetException(line, "max-split must be at least 1");
                }
            } else if (t.startsWith("weights=")) {
                String[] w = t.substring(8).split("/");
                if (w.length != 3) {
                    throw new RuleSetException(
                            line, "weights must read COST/SPEED/CARBON, e.g. weights=0.2/0.2/0.6");
                }
                try {
                    weights =
                            new ScoreWeights(
                                    number(w[0], "weights", line),
                                    number(w[1], "weights", line),
                                    number(w[2], "weights", line));
                } catch (RuleSetException e) {
                    throw e;
                } catch (IllegalArgumentException e) {
                    throw new RuleSetException(line, e.getMessage());
                }
            } else if (t.startsWith("split-penalty=")) {
                splitPenalty = number(t.substring(14), "split-penalty", line);
                if (splitPenalty < 0) {
                    throw new RuleSetException(line, "split-penalty must be >= 0");
                }
            } else {
                throw new RuleSetException(
                        line,
                        "rule "
                                + rule
                                + ": '"
                                + part.trim()
                                + "' is not nodes=, groups=, exclude=, max-split=, weights=,"
                                + " split-penalty=, DEFAULT, BACKORDER, HOLD_FOR_REVIEW or"
                                + " REJECT");
            }
        }
        return new SourcingStrategy(types, groups, excluded, maxSplit, weights, splitPenalty);
    }

    private static List<String> names(String text, String what, int line) {
        List<String> names = new ArrayList<>();
        for (String name : text.split("\\|", -1)) {
            if (name.isBlank()) {
                throw new RuleSetException(line, what + "= lists an empty name");
            }
            names.add(name.trim());
        }
        return names;
    }

    private static <E extends Enum<E>> E symbol(Class<E> type, String text, String what, int line) {
        try {
            E value = Enum.valueOf(type, text.toUpperCase(Locale.ROOT));
            if (!value.name().equals("UNKNOWN")) {
                return value;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        List<String> allowed = new ArrayList<>();
        for (E e : type.getEnumConstants()) {
            if (!e.name().equals("UNKNOWN")) {
                allowed.add(e.name());
            }
        }
        throw new RuleSetException(
                line, what + " must be one of " + String.join(", ", allowed) + ", was " + text);
    }

    private static double number(String text, String what, int line) {
        try {
            double value = Double.parseDouble(text);
            if (Double.isFinite(value)) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new RuleSetException(line, what + ": '" + text + "' is not a number");
    }

    private static long whole(String text, String what, int line) {
        try {
            long value = Long.parseLong(text);
            if (value >= 0 && value <= Integer.MAX_VALUE) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new RuleSetException(line, what + ": '" + text + "' is not a whole number >= 0");
    }

    private static int hour(String text, int line) {
        long hour = whole(text, "hours", line);
        if (hour > 24) {
            throw new RuleSetException(line, "hours: " + text + " is not an hour 0-24");
        }
        return (int) (hour % 24);
    }
}
