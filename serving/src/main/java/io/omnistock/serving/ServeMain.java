package io.omnistock.serving;

import io.omnistock.ops.KafkaConnectionOptions;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ./omnistock-serve}: runs the availability service until stopped (Ctrl-C). Bad arguments
 * print the usage and exit with 2 before anything starts; failures print one {@code error:} line
 * and exit with 1.
 */
@Command(
        name = "omnistock-serve",
        mixinStandardHelpOptions = true,
        version = "omnistock-serve 0.1.0",
        description = {
            "The availability service: an HTTP JSON API over inventory.availability,"
                    + " inventory.availability.network and inventory.availability.groups, and"
                    + " delivery quotes and cart holds through the engine, and the recent"
                    + " movement journal.",
            "API: GET /v1/availability/{sku}[/{node}], GET /v1/availability/{sku}/groups,"
                    + " POST /v1/availability:batch,"
                    + " POST /v1/quotes, POST /v1/holds[/{holdId}/extend|release],"
                    + " GET /v1/movements/{sku}/{node}, GET /health, /ready, /metrics"
                    + " (docs/reference/availability-api.md)."
        })
public final class ServeMain implements Callable<Integer> {

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Mixin KafkaConnectionOptions kafka;

    @Option(
            names = "--host",
            paramLabel = "address",
            defaultValue = "0.0.0.0",
            description = "Address to listen on. Default: ${DEFAULT-VALUE} (every interface).")
    String host;

    @Option(
            names = "--port",
            paramLabel = "port",
            defaultValue = "8080",
            description = "HTTP port; 0 for a free one. Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(
            names = "--threads",
            paramLabel = "n",
            defaultValue = "8",
            description = "HTTP worker threads. Default: ${DEFAULT-VALUE}.")
    int threads;

    @Option(
            names = "--quote-timeout-ms",
            paramLabel = "ms",
            defaultValue = "5000",
            description =
                    "How long POST /v1/quotes and the hold endpoints wait for the engine's"
                            + " answer before a 504. Default: ${DEFAULT-VALUE}.")
    long quoteTimeoutMs;

    @Override
    public Integer call() throws Exception {
        AvailabilityService.Settings settings = settings();
        CountDownLatch stopped = new CountDownLatch(1);
        AvailabilityService service = AvailabilityService.start(settings);
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(
                                () -> {
                                    try {
                                        service.close();
                                    } catch (InterruptedException e) {
                                        Thread.currentThread().interrupt();
                                    }
                                    stopped.countDown();
                                }));
        System.out.println(
                "OmniStock availability service on "
                        + service.url()
                        + " reading "
                        + settings.clientProperties().getProperty("bootstrap.servers")
                        + " (GET /ready says when it has caught up; Ctrl-C stops it)");
        stopped.await();
        return 0;
    }

    /** The settings the options call for; a bad value is a usage error (exit 2). */
    AvailabilityService.Settings settings() {
        if (port < 0 || port > 65535) {
            throw usage("--port must be from 0 to 65535, not " + port);
        }
        if (threads < 1 || threads > 512) {
            throw usage("--threads must be from 1 to 512, not " + threads);
        }
        if (quoteTimeoutMs < 1 || quoteTimeoutMs > 600_000) {
            throw usage("--quote-timeout-ms must be from 1 to 600000, not " + quoteTimeoutMs);
        }
        if (kafka.configFile() != null && !Files.isReadable(kafka.configFile())) {
            throw usage("--config " + kafka.configFile() + " is not a readable file");
        }
        Properties props = kafka.connectionProperties();
        return new AvailabilityService.Settings(
                props, host, port, threads, Duration.ofMillis(quoteTimeoutMs), 1000);
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }

    /** The command line: usage errors exit 2, failures 1 with one {@code error:} line. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new ServeMain());
        cli.setUsageHelpWidth(100);
        cli.setParameterExceptionHandler(
                (e, args) -> {
                    CommandLine c = e.getCommandLine();
                    c.getErr().println("error: " + e.getMessage());
                    c.usage(c.getErr());
                    return 2;
                });
        cli.setExecutionExceptionHandler(
                (e, commandLine, parseResult) -> {
                    PrintWriter err = commandLine.getErr();
                    err.println("error: " + e.getMessage());
                    err.flush();
                    return 1;
                });
        return cli;
    }

    public static void main(String[] args) {
        int code = commandLine().execute(args);
        if (code != 0) {
            System.exit(code);
        }
    }
}
