package io.omnistock.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code omnistock what-if}'s arguments and help; no broker needed. */
class WhatIfCommandTest {

    @Test
    void theHelpSaysWhereOrdersComeFromAndThatNothingIsWritten() {
        StringWriter out = new StringWriter();
        CommandLine cli = OmniStockCommand.commandLine();
        cli.setOut(new PrintWriter(out));

        int exitCode = cli.execute("what-if", "--help");

        assertThat(exitCode).isZero();
        assertThat(out.toString().replaceAll("\\s+", " "))
                .contains("--from-topic", "--orders=FILE", "--since", "--limit", "--current=FILE")
                .contains("joins no consumer group, commits no offset and writes to no topic")
                .contains("--bootstrap");
    }

    @Test
    void exactlyOneSourceOfOrdersIsAUsageError() {
        StringWriter err = new StringWriter();
        CommandLine cli = OmniStockCommand.commandLine();
        cli.setErr(new PrintWriter(err));

        int both = cli.execute("what-if", "--draft", "d", "--from-topic", "--orders", "o.jsonl");
        int none = cli.execute("what-if", "--draft", "d");

        assertThat(both).isEqualTo(2);
        assertThat(none).isEqualTo(2);
        assertThat(err.toString())
                .contains("--from-topic, --orders=FILE are mutually exclusive")
                .contains("Missing required argument");
    }
}
