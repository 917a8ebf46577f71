package io.omnistock.ops;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code omnistock deadletters}: work on the deadletter topic. */
@Command(
        name = "deadletters",
        mixinStandardHelpOptions = true,
        description = "Work on rejected input records (the deadletter topic).",
        subcommands = {ReplayDeadLettersCommand.class})
final class DeadLettersCommand implements Runnable {

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
