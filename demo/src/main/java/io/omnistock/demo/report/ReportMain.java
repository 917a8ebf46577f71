package io.omnistock.demo.report;

import io.omnistock.connectors.KafkaOptions;
import io.omnistock.contracts.Topics;
import io.omnistock.demo.report.MetricsSeries.Selection;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.util.ParameterTool;

/**
 * {@code ./omnistock-report}: reads the metric topics of a running (or stopped) OmniStock broker up
 * to their current end and writes one self-contained HTML report of a series.
 */
public final class ReportMain {
    static final String USAGE =
            """
            Usage: ./omnistock-report --bootstrap <host:port> [options]
              --bootstrap <host:port>  Kafka to read metrics.sustainability and metrics.operations
                                       from (required; the demo prints its address)
              --out <file>             the HTML file to write (default omnistock-report.html)
              --window <1m|1h>         window size of the series (default 1h)
              --region <name>          a region, or ALL for the whole network (default ALL)
              --channel <name>         a sales channel, or ALL for every channel (default ALL)
              --config <file>          Kafka client options (kafka.security.protocol,
                                       kafka.sasl.*, kafka.ssl.*, kafka.client.*), e.g. the
                                       job's properties file; the password comes from the
                                       environment or a file, as for the job
              --help                   this text
            """;

    private static final Duration READ_TIMEOUT = Duration.ofMinutes(2);

    /** The parsed command line. */
    record Options(
            String bootstrap, Path out, Selection selection, Configuration kafka, boolean help) {
        static Options parse(String[] args) throws IOException {
            ParameterTool p = ParameterTool.fromArgs(args);
            Configuration kafka =
                    p.has("config")
                            ? Configuration.fromMap(
                                    ParameterTool.fromPropertiesFile(p.get("config")).toMap())
                            : new Configuration();
            boolean help = p.has("help") || p.has("h");
            String bootstrap = p.get("bootstrap");
            if (!help && (bootstrap == null || bootstrap.isBlank())) {
                throw new IllegalArgumentException("--bootstrap <host:port> is required");
            }
            String window = p.get("window", MetricsSeries.HOUR);
            if (!Set.of(MetricsSeries.HOUR, MetricsSeries.MINUTE).contains(window)) {
                throw new IllegalArgumentException("--window must be 1m or 1h, not " + window);
            }
            return new Options(
                    bootstrap,
                    Path.of(p.get("out", "omnistock-report.html")),
                    new Selection(
                            window,
                            p.get("region", MetricsSeries.ALL),
                            p.get("channel", MetricsSeries.ALL)),
                    kafka,
                    help);
        }
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException | IOException e) {
            System.err.println(e.getMessage());
            System.err.print(USAGE);
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.print(USAGE);
            return;
        }
        Selection selection = options.selection();
        MetricsSeries series = MetricsSeries.of(selection.window());
        System.out.printf(
                "Reading %s and %s from %s...%n",
                Topics.METRICS_SUSTAINABILITY.name(),
                Topics.METRICS_OPERATIONS.name(),
                options.bootstrap());
        MetricsReader.Result read;
        try {
            read =
                    MetricsReader.read(
                            options.bootstrap(),
                            KafkaOptions.clientProperties(options.kafka()),
                            series,
                            READ_TIMEOUT);
        } catch (RuntimeException e) {
            System.err.println("Cannot read the metric topics: " + e.getMessage());
            System.exit(1);
            return;
        }
        int windows = MetricsReport.write(series, selection, options.out(), Instant.now());
        System.out.printf(
                "Read %,d metric records (%,d of %s windows, %,d of them replaced by a later"
                        + " revision%s).%n",
                read.records(),
                series.records(),
                selection.window(),
                series.superseded() + series.stale(),
                read.undecodable() == 0 ? "" : ", " + read.undecodable() + " undecodable skipped");
        System.out.printf(
                "Wrote %s: %,d %s windows, region %s, channel %s.%n",
                options.out().toAbsolutePath().normalize(),
                windows,
                selection.window(),
                selection.region(),
                selection.channel());
        if (windows == 0) {
            System.out.println(
                    "No window of this series yet: windows are published once the ledger's metric"
                            + " watermark passes their end (see metrics.max-out-of-orderness).");
            Set<String> regions = series.regions(selection.window(), selection.channel());
            if (!regions.isEmpty() && !selection.region().equals(MetricsSeries.ALL)) {
                System.out.println("Regions with windows: " + String.join(", ", regions));
            }
        }
    }

    private ReportMain() {}
}
