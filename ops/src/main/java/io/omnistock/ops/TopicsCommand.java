package io.omnistock.ops;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code omnistock topics}: the catalog's topics on the cluster. */
@Command(
        name = "topics",
        mixinStandardHelpOptions = true,
        description = "Create the catalog's topics, or check them against the catalog.",
        subcommands = {CreateTopicsCommand.class, DescribeTopicsCommand.class})
final class TopicsCommand implements Runnable {

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
