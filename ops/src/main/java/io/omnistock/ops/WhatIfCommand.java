package io.omnistock.ops;

import io.omnistock.avro.OrderRequest;
import io.omnistock.avro.SourcingRuleSet;
import io.omnistock.contracts.Topics;
import io.omnistock.domain.carbon.CarbonFactorTable;
import io.omnistock.domain.inventory.LedgerSettings;
import io.omnistock.domain.inventory.Rejection;
import io.omnistock.domain.orders.OrderValidator;
import io.omnistock.domain.planning.RoutingPolicy;
import io.omnistock.domain.sourcing.RuleSetException;
import io.omnistock.domain.sourcing.SourcingRules;
import io.omnistock.domain.whatif.WhatIf;
import io.omnistock.domain.whatif.WhatIfFigures;
import io.omnistock.ledger.domain.NodeInfo;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code omnistock what-if}: recorded orders routed through a draft rule set and the one in force,
 * side by side (docs/concepts/sourcing-rules.md). Reads the cluster, writes nothing.
 */
@Command(
        name = "what-if",
        mixinStandardHelpOptions = true,
        description = {
            "Replay recorded orders through a draft sourcing rule set and the one in force, from the"
                    + " same opening stock, and print the two side by side: kg CO2e and cost per"
                    + " routed order, the share on time against promiseBy, split rate, fill rate,"
                    + " orders a rule rejected, backordered or held, then the orders decided"
                    + " otherwise (the first --list).",
            "The orders come from orders.requests (--from-topic) or from a JSON-lines file"
                    + " (--orders). The nodes (network.nodes), the opening stock (the ATP of"
                    + " inventory.availability now) and the SKUs' categories (reference.skus) are"
                    + " read from the cluster; the rule set in force from routing.rules unless"
                    + " --current names a file. Routing runs under the default routing options;"
                    + " every routed order takes its units off the stock of its run, nothing is"
                    + " replenished. Orders the engine would dead-letter are left out and counted.",
            "Reads only committed records, joins no consumer group, commits no offset and writes"
                    + " to no topic."
        })
final class WhatIfCommand implements Callable<Integer> {

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Mixin KafkaConnectionOptions kafka;

    @Option(
            names = "--draft",
            required = true,
            paramLabel = "FILE",
            description = "The draft rule set: a text file in the rule language.")
    Path draft;

    @Option(
            names = "--current",
            paramLabel = "FILE",
            description =
                    "The rule set to compare against. Default: the one in force on routing.rules"
                            + " (the job options when none is published).")
    Path current;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    /** Where the orders come from: exactly one. */
    static final class Source {
        @Option(
                names = "--from-topic",
                required = true,
                description = "Read the orders from orders.requests.")
        boolean fromTopic;

        @Option(
                names = "--orders",
                required = true,
                paramLabel = "FILE",
                description =
                        "Read the orders from a file: one OrderRequest per line as JSON, as"
                                + " 'omnistock tail --json' prints a record's value.")
        Path orders;
    }

    @Option(
            names = "--since",
            paramLabel = "age|instant",
            converter = SinceConverter.class,
            description =
                    "With --from-topic: orders written at or after this time, an age (30m, 12h,"
                            + " 7d, PT36H) or an instant (2026-03-02T00:00:00Z). Default: the"
                            + " topic's beginning.")
    Instant since;

    @Option(
            names = "--limit",
            paramLabel = "N",
            description =
                    "With --from-topic: at most N orders, the first written (default: "
                            + DEFAULT_LIMIT
                            + ").")
    Integer limit;

    static final int DEFAULT_LIMIT = 100_000;

    @Option(
            names = "--list",
            paramLabel = "N",
            defaultValue = "20",
            description = "List the first N orders decided otherwise (default: ${DEFAULT-VALUE}).")
    int listed;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (source.orders != null && (since != null || limit != null)) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--since and --limit go with --from-topic, not --orders");
        }
        int limit = this.limit == null ? DEFAULT_LIMIT : this.limit;
        if (limit < 1 || listed < 0) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--limit must be at least 1 and --list at least 0");
        }
        // the files first: a draft that does not read fails before anything is read from Kafka
        String draftText = readRules(draft, "--draft");
        String currentText = current == null ? null : readRules(current, "--current");
        check(draftText, "--draft " + draft);
        if (currentText != null) {
            check(currentText, "--current " + current);
        }
        List<OrderRequest> recorded;
        String from;
        long undecodable = 0;
        if (source.orders != null) {
            recorded = OrderFile.read(source.orders);
            from = source.orders.toString();
        } else {
            ProgressLine progress =
                    new ProgressLine(spec.commandLine().getErr(), "order records read", 1_000);
            AtomicLong total = new AtomicLong();
            AtomicLong read = new AtomicLong();
            WhatIfInputs.Orders orders =
                    new WhatIfInputs(kafka.consumerProperties())
                            .orders(
                                    since,
                                    limit,
                                    total::set,
                                    done -> {
                                        read.set(done);
                                        progress.update(done, total.get(), "");
                                    });
            progress.finish(read.get(), total.get(), "");
            recorded = orders.orders();
            undecodable = orders.undecodable();
            from =
                    Topics.ORDER_REQUESTS.name()
                            + (since == null ? "" : " since " + since)
                            + (recorded.size() == limit ? " (the first " + limit + ")" : "");
        }
        WhatIfInputs cluster = new WhatIfInputs(kafka.consumerProperties());
        List<NodeInfo> nodes = cluster.nodes();
        Map<String, Long> stock = cluster.stock();
        Map<String, String> categories = cluster.categories();
        SourcingRuleSet published = currentText == null ? cluster.currentRules() : null;

        Map<String, Integer> leftOut = new TreeMap<>();
        List<OrderRequest> orders = routable(recorded, nodes, leftOut);
        WhatIf whatIf =
                new WhatIf(
                        nodes,
                        stock,
                        categories,
                        orders,
                        RoutingPolicy.defaults(),
                        CarbonFactorTable.loadDefault());
        String currentLabel;
        SourcingRules currentRules;
        long currentVersion;
        if (currentText != null) {
            currentLabel = current.getFileName().toString();
            currentVersion = 1;
            currentRules = rules(whatIf, currentText, currentVersion, "--current " + current);
        } else if (published != null) {
            currentLabel = Topics.ROUTING_RULES.name();
            currentVersion = published.getVersion();
            currentRules =
                    rules(whatIf, published.getText(), currentVersion, Topics.ROUTING_RULES.name());
        } else {
            currentLabel = "job options";
            currentVersion = 0;
            currentRules = whatIf.rules(null, 0);
        }
        SourcingRules draftRules = rules(whatIf, draftText, currentVersion + 1, "--draft " + draft);

        out.println(
                "What-if: "
                        + orders.size()
                        + " orders from "
                        + from
                        + "; "
                        + nodes.size()
                        + " nodes, opening stock of "
                        + stock.size()
                        + " SKU x node positions, categories of "
                        + categories.size()
                        + " SKUs; nothing written.");
        if (undecodable > 0) {
            out.println("Left out: " + undecodable + " records that are not an OrderRequest.");
        }
        if (!leftOut.isEmpty()) {
            out.println("Left out (the engine would dead-letter them): " + leftOut + ".");
        }
        out.println();
        out.print(
                WhatIfFigures.report(
                        whatIf.run(currentLabel, currentRules),
                        whatIf.run("draft " + draft.getFileName(), draftRules),
                        listed));
        out.flush();
        return 0;
    }

    /**
     * The orders routing would plan, the first of each order id: the rest counted in {@code
     * leftOut} by reason (what the engine dead-letters, and repeated order ids it ignores).
     */
    static List<OrderRequest> routable(
            List<OrderRequest> recorded, List<NodeInfo> nodes, Map<String, Integer> leftOut) {
        OrderValidator validator = new OrderValidator(LedgerSettings.defaults());
        Map<String, NodeInfo> byId = new HashMap<>();
        nodes.forEach(n -> byId.put(n.nodeId, n));
        Set<String> seen = new HashSet<>();
        List<OrderRequest> routable = new ArrayList<>();
        for (OrderRequest order : recorded) {
            Rejection rejection =
                    validator.validate(order, Long.MAX_VALUE / 2, byId::get, byId.values());
            if (rejection != null) {
                leftOut.merge(rejection.reason().name(), 1, Integer::sum);
            } else if (!seen.add(order.getOrderId())) {
                leftOut.merge("REPEATED_ORDER_ID", 1, Integer::sum);
            } else {
                routable.add(order);
            }
        }
        return routable;
    }

    private static void check(String text, String what) {
        try {
            io.omnistock.domain.sourcing.SourcingRuleSet.parse("default", 1, text);
        } catch (RuleSetException e) {
            throw new IllegalArgumentException(
                    "the rule set of " + what + " does not read: " + e.getMessage());
        }
    }

    private static SourcingRules rules(WhatIf whatIf, String text, long version, String what) {
        try {
            return whatIf.rules(text, version);
        } catch (RuleSetException e) {
            throw new IllegalArgumentException(
                    "the rule set of " + what + " does not read: " + e.getMessage());
        }
    }

    private static String readRules(Path file, String option) {
        try {
            return Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(option + ": no file " + file);
        } catch (IOException e) {
            throw new IllegalArgumentException(option + ": cannot read " + file + ": " + e);
        }
    }

    /** An age ({@link HistoryCommand.AgeConverter}) back from now, or an ISO-8601 instant. */
    static final class SinceConverter implements CommandLine.ITypeConverter<Instant> {
        @Override
        public Instant convert(String value) {
            try {
                return Instant.parse(value.trim());
            } catch (DateTimeParseException e) {
                Duration age;
                try {
                    age = new HistoryCommand.AgeConverter().convert(value);
                } catch (CommandLine.TypeConversionException notAnAge) {
                    throw new CommandLine.TypeConversionException(
                            "'"
                                    + value
                                    + "' is not an age such as 30m, 12h, 7d or PT36H, nor an"
                                    + " instant such as 2026-03-02T00:00:00Z");
                }
                return Instant.now().minus(age);
            }
        }
    }
}
