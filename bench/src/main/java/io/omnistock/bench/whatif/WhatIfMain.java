package io.omnistock.bench.whatif;

import io.omnistock.bench.carbon.CarbonExperiment;
import io.omnistock.domain.carbon.CarbonFactorTable;
import io.omnistock.domain.planning.RoutingPolicy;
import io.omnistock.domain.sourcing.RuleSetException;
import io.omnistock.domain.whatif.WhatIf;
import io.omnistock.domain.whatif.WhatIfFigures;
import io.omnistock.generator.NetworkConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * {@code ./omnistock-bench what-if --draft FILE [--current FILE] [--draft-version N]
 * [--current-version N] [--orders N] [--seed N] [--list N]}: routes the generator's seeded order
 * stream (the demo's network, one simulated day from 2026-03-02T00:00Z) through the rule set in
 * force ({@code --current}, or the job's default options when left out) and a draft, each from the
 * same opening stock, and prints the two side by side with the orders decided otherwise. Writes
 * nothing to any topic. Exit 2 when a rule set does not read (the line and the reason). The replay
 * over recorded orders is {@code ./omnistock what-if}; both use {@link WhatIf}.
 */
public final class WhatIfMain {
    static final Instant START = Instant.parse("2026-03-02T00:00:00Z");

    public static void main(String[] args) throws IOException {
        List<String> a = Arrays.asList(args);
        if (a.contains("--help") || !a.contains("--draft")) {
            System.out.println(
                    "./omnistock-bench what-if --draft FILE [--current FILE] [--draft-version N]"
                            + " [--current-version N] [--orders N] [--seed N] [--list N]");
            return;
        }
        Path draftFile = Path.of(option(a, "--draft", null));
        Path currentFile = a.contains("--current") ? Path.of(option(a, "--current", null)) : null;
        int orders = Integer.parseInt(option(a, "--orders", "2000"));
        long seed = Long.parseLong(option(a, "--seed", "42"));
        int listed = Integer.parseInt(option(a, "--list", "20"));
        long draftVersion = Long.parseLong(option(a, "--draft-version", "2"));
        long currentVersion = Long.parseLong(option(a, "--current-version", "1"));

        WhatIf whatIf =
                generated(
                        NetworkConfig.builder()
                                .seed(seed)
                                .start(START)
                                .duration(Duration.ofDays(1))
                                .wallClock(START.plus(Duration.ofDays(2)))
                                .build(),
                        orders);
        WhatIf.Run current;
        WhatIf.Run draft;
        try {
            current =
                    currentFile == null
                            ? whatIf.run("job options", whatIf.rules(null, 0))
                            : whatIf.run(
                                    currentFile.getFileName().toString(),
                                    whatIf.rules(Files.readString(currentFile), currentVersion));
            draft =
                    whatIf.run(
                            draftFile.getFileName().toString(),
                            whatIf.rules(Files.readString(draftFile), draftVersion));
        } catch (RuleSetException e) {
            System.err.println("the rule set does not read: " + e.getMessage());
            System.exit(2);
            return;
        }
        System.out.println(
                "What-if: "
                        + whatIf.orderCount()
                        + " orders of the seeded stream (seed "
                        + seed
                        + ", from "
                        + START
                        + "), same opening stock for both; nothing written.\n");
        System.out.println(WhatIfFigures.report(current, draft, listed));
    }

    /**
     * The generator's seeded stream over its network (the stream the carbon experiment routes): its
     * nodes, opening stock and first {@code maxOrders} valid orders, under the default job options.
     */
    static WhatIf generated(NetworkConfig config, int maxOrders) {
        CarbonExperiment recorded = CarbonExperiment.generated(config, maxOrders);
        return new WhatIf(
                recorded.nodes(),
                recorded.openingAtp(),
                recorded.orders(),
                RoutingPolicy.defaults(),
                CarbonFactorTable.loadDefault());
    }

    private static String option(List<String> args, String name, String fallback) {
        int i = args.indexOf(name);
        if (i < 0 || i + 1 >= args.size()) {
            if (fallback == null) {
                throw new IllegalArgumentException(name + " needs a value");
            }
            return fallback;
        }
        return args.get(i + 1);
    }

    private WhatIfMain() {}
}
