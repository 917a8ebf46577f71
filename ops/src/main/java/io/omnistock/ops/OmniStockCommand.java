package io.omnistock.ops;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code omnistock}: the operator's command-line tool. Each subcommand does one thing users would
 * otherwise do by hand against the cluster's Kafka topics.
 */
@Command(
        name = "omnistock",
        mixinStandardHelpOptions = true,
        version = "omnistock 0.1.0",
        description =
                "Operate an OmniStock deployment: topics, availability, tails, position history,"
                        + " dead letters, what-if replays of sourcing rules.",
        subcommands = {
            TopicsCommand.class,
            AvailabilityCommand.class,
            TailCommand.class,
            HistoryCommand.class,
            DeadLettersCommand.class,
            WhatIfCommand.class,
            CommandLine.HelpCommand.class
        })
public final class OmniStockCommand implements Runnable {

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * The tool's command line: failures print one {@code error:} line on stderr and exit with 1,
     * bad arguments print the usage and exit with 2.
     */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new OmniStockCommand());
        cli.setUsageHelpWidth(100);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setExecutionExceptionHandler(
                (e, commandLine, parseResult) -> {
                    PrintWriter err = commandLine.getErr();
                    String unreachable = unreachable(commandLine, e);
                    err.println("error: " + (unreachable != null ? unreachable : describe(e)));
                    err.flush();
                    return 1;
                });
        return cli;
    }

    /** The unreachable-broker message of the command's Kafka options, or null. */
    private static String unreachable(CommandLine commandLine, Throwable e) {
        for (CommandLine.Model.CommandSpec mixin : commandLine.getCommandSpec().mixins().values()) {
            if (mixin.userObject() instanceof KafkaConnectionOptions kafka) {
                return kafka.unreachable(e);
            }
        }
        return null;
    }

    private static String describe(Throwable e) {
        StringBuilder text = new StringBuilder(String.valueOf(e.getMessage()));
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            text.append(": ").append(cause.getMessage());
        }
        return text.toString();
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
