package io.omnistock.deploy;

import io.omnistock.contracts.TopicAdmin;
import io.omnistock.contracts.Topics;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./omnistock-deploy}: a local standalone Flink session cluster and a Kafka broker from the
 * build's jars, the catalog's topics, the engine and analytics jobs submitted through the cluster's
 * REST API as on any session cluster, then where to look. Runs until Ctrl-C, which stops the
 * cluster and the broker; the checkpoints and savepoints stay in {@code --state-dir}.
 */
@Command(
        name = "omnistock-deploy",
        mixinStandardHelpOptions = true,
        description = {
            "Start a local Flink session cluster and a Kafka broker, create the topics, submit the"
                    + " engine and analytics jobs, and print where to look. Ctrl-C stops it all.",
            "Each run starts a fresh broker and cluster in --dir; --state-dir keeps the"
                    + " checkpoints and savepoints."
        })
public final class LocalDeploy implements Callable<Integer> {
    /** Slots of the one task manager: the engine job's 2 and the analytics job's 1. */
    static final int SLOTS = 3;

    @Option(
            names = "--dir",
            paramLabel = "DIR",
            defaultValue = "deploy/target/local",
            description =
                    "Work directory: configuration, logs, broker data (default: ${DEFAULT-VALUE}).")
    Path dir;

    @Option(
            names = "--state-dir",
            paramLabel = "DIR",
            description =
                    "Checkpoints (DIR/checkpoints) and savepoints (DIR/savepoints); a shared file"
                            + " system on a real cluster (default: --dir/state).")
    Path stateDir;

    @Option(
            names = "--kafka-port",
            paramLabel = "PORT",
            defaultValue = "9092",
            description = "The broker's client port on localhost (default: ${DEFAULT-VALUE}).")
    int kafkaPort;

    @Option(
            names = "--rest-port",
            paramLabel = "PORT",
            defaultValue = "8081",
            description = "Flink's web UI and REST API on localhost (default: ${DEFAULT-VALUE}).")
    int restPort;

    @Option(
            names = "--flink-conf",
            paramLabel = "DIR",
            defaultValue = "flink-conf",
            description =
                    "config.yaml of the cluster, engine.properties and analytics.properties of the"
                            + " jobs (default: ${DEFAULT-VALUE}).")
    Path flinkConf;

    @Option(
            names = "--engine-jar",
            paramLabel = "JAR",
            required = true,
            description = "The engine job's shaded jar.")
    Path engineJar;

    @Option(
            names = "--analytics-jar",
            paramLabel = "JAR",
            description = "The analytics job's shaded jar (none: the engine job only).")
    Path analyticsJar;

    @Option(
            names = "--partitions",
            paramLabel = "N",
            defaultValue = "4",
            description = "Partitions per topic (default: ${DEFAULT-VALUE}).")
    int partitions;

    private final PrintStream out;

    LocalDeploy(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) {
        System.exit(commandLine(System.out).execute(args));
    }

    /** The command line: bad arguments print the usage and exit 2, failures one line and 1. */
    static CommandLine commandLine(PrintStream out) {
        CommandLine cli = new CommandLine(new LocalDeploy(out));
        cli.setExecutionExceptionHandler(
                (e, commandLine, parseResult) -> {
                    commandLine.getErr().println("error: " + e.getMessage());
                    return 1;
                });
        return cli;
    }

    @Override
    public Integer call() throws Exception {
        requireFile(engineJar, "--engine-jar");
        if (analyticsJar != null) {
            requireFile(analyticsJar, "--analytics-jar");
        }
        requireFile(flinkConf.resolve("config.yaml"), "--flink-conf");
        requireFreePort(kafkaPort, "--kafka-port");
        requireFreePort(restPort, "--rest-port");
        // Topic creation's INFO lines: the summary below says it in one.
        Configurator.setLevel("io.omnistock.contracts", Level.WARN);
        Path work = dir.toAbsolutePath();
        Path state = (stateDir == null ? work.resolve("state") : stateDir).toAbsolutePath();
        deleteRecursively(work.resolve("flink"));
        deleteRecursively(work.resolve("kafka"));

        try (LocalStack stack = LocalStack.start(this, work, state)) {
            Runtime.getRuntime()
                    .addShutdownHook(
                            new Thread(
                                    () -> {
                                        out.println("Stopping the cluster and the broker ...");
                                        stack.closeQuietly();
                                    }));
            out.println();
            out.println(
                    "OmniStock runs on a local Flink cluster. Ctrl-C stops the cluster and broker.");
            out.println("  Flink web UI and REST  " + stack.flink().rest());
            out.println("  Kafka                  " + stack.bootstrapServers());
            out.println("  Jobs                   " + String.join(", ", stack.jobs()));
            if (stack.prometheus()) {
                out.println(
                        "  Prometheus metrics     http://localhost:9249/metrics (job manager),"
                                + " :9250 (task manager)");
            }
            out.println(
                    "  Logs                   "
                            + work.resolve("flink")
                            + "/*.log, "
                            + work.resolve("kafka/kafka.log"));
            out.println("  Checkpoints            " + state.resolve("checkpoints"));
            out.println("  Savepoints             " + state.resolve("savepoints"));
            out.println(
                    "  Feed it                ./omnistock-deploy generate --rate 50 --history 24h");
            out.println(
                    "  Watch decisions        ./omnistock tail decisions --from-beginning --bootstrap "
                            + stack.bootstrapServers());
            out.flush();
            stack.awaitExit();
            return 1;
        }
    }

    /** The broker, the cluster and the jobs this command started. */
    static final class LocalStack implements AutoCloseable {
        private final KafkaBrokerProcess kafka;
        private final StandaloneFlinkCluster flink;
        private final boolean prometheus;
        private final List<String> jobs;

        private LocalStack(
                KafkaBrokerProcess kafka,
                StandaloneFlinkCluster flink,
                boolean prometheus,
                List<String> jobs) {
            this.kafka = kafka;
            this.flink = flink;
            this.prometheus = prometheus;
            this.jobs = jobs;
        }

        static LocalStack start(LocalDeploy options, Path work, Path state) throws Exception {
            PrintStream out = options.out;
            String classpath = StandaloneFlinkCluster.clusterClasspath();
            boolean prometheus = classpath.contains("flink-metrics-prometheus");
            out.print("Starting the Flink cluster (job manager, task manager) ... ");
            out.flush();
            StandaloneFlinkCluster flink =
                    StandaloneFlinkCluster.start(
                            work.resolve("flink"),
                            options.flinkConf,
                            classpath,
                            clusterSettings(options.restPort, state));
            out.println("up, " + flink.rest());
            KafkaBrokerProcess kafka = null;
            try {
                out.print("Starting the Kafka broker ... ");
                out.flush();
                kafka =
                        KafkaBrokerProcess.start(
                                work.resolve("kafka"),
                                System.getProperty("java.class.path"),
                                List.of(
                                        "-Xmx512m",
                                        "-Dlog4j.configurationFile="
                                                + flink.log4jProperties().toUri()),
                                StandaloneFlinkCluster.READY,
                                options.kafkaPort);
                out.println("up, " + kafka.bootstrapServers());
                String bootstrap = kafka.bootstrapServers();
                Set<String> created =
                        TopicAdmin.createTopics(
                                bootstrap,
                                new Properties(),
                                Topics.all(),
                                options.partitions,
                                Optional.empty());
                out.printf(
                        "Created %d topics (%d partitions each; ./omnistock topics describe"
                                + " --bootstrap %s)%n",
                        created.size(), options.partitions, bootstrap);
                List<String> jobs =
                        new ArrayList<>(
                                List.of(
                                        submit(
                                                out,
                                                flink,
                                                "omnistock-engine",
                                                options.engineJar,
                                                jobArgs(options.flinkConf, "engine", bootstrap),
                                                2)));
                if (options.analyticsJar != null) {
                    jobs.add(
                            submit(
                                    out,
                                    flink,
                                    "omnistock-analytics",
                                    options.analyticsJar,
                                    jobArgs(options.flinkConf, "analytics", bootstrap),
                                    1));
                }
                return new LocalStack(kafka, flink, prometheus, jobs);
            } catch (Exception | Error e) {
                out.println();
                flink.close();
                if (kafka != null) {
                    kafka.close();
                }
                throw e;
            }
        }

        /** Uploads and runs {@code jar}; returns "name (job id)" once every task runs. */
        static String submit(
                PrintStream out,
                StandaloneFlinkCluster flink,
                String name,
                Path jar,
                List<String> args,
                int parallelism)
                throws Exception {
            out.print("Submitting " + name + " ... ");
            out.flush();
            String jarId = flink.uploadJar(jar);
            String job = flink.runJar(jarId, args, parallelism, null);
            flink.awaitRunning(job, StandaloneFlinkCluster.READY);
            out.println("running, " + flink.rest() + "/#/job/running/" + job);
            return name + " (" + job + ")";
        }

        StandaloneFlinkCluster flink() {
            return flink;
        }

        String bootstrapServers() {
            return kafka.bootstrapServers();
        }

        boolean prometheus() {
            return prometheus;
        }

        List<String> jobs() {
            return jobs;
        }

        /** Returns when the job manager's or the broker's process has ended. */
        void awaitExit() throws InterruptedException {
            while (flink.jobManager().isAlive() && kafka.isAlive()) {
                Thread.sleep(1000);
            }
        }

        void closeQuietly() {
            try {
                close();
            } catch (Exception e) {
                // stopping anyway
            }
        }

        @Override
        public void close() throws InterruptedException {
            try {
                flink.close();
            } finally {
                kafka.close();
            }
        }
    }

    /**
     * The local cluster's settings over config.yaml: the REST port, {@value #SLOTS} slots, the
     * state directories under {@code state}.
     */
    static Map<String, String> clusterSettings(int restPort, Path state) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("rest.port", Integer.toString(restPort));
        settings.put("taskmanager.numberOfTaskSlots", Integer.toString(SLOTS));
        settings.put(
                "execution.checkpointing.dir", state.resolve("checkpoints").toUri().toString());
        settings.put(
                "execution.checkpointing.savepoint-dir",
                state.resolve("savepoints").toUri().toString());
        return settings;
    }

    /** {@code --config <flinkConf>/<job>.properties --kafka.bootstrap-servers <bootstrap>}. */
    static List<String> jobArgs(Path flinkConf, String job, String bootstrap) {
        return List.of(
                "--config",
                flinkConf.resolve(job + ".properties").toAbsolutePath().toString(),
                "--kafka.bootstrap-servers",
                bootstrap);
    }

    private static void requireFile(Path file, String option) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(option + ": no file " + file);
        }
    }

    private static void requireFreePort(int port, String option) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    "port "
                            + port
                            + " is taken (another broker or cluster?): stop it or pass "
                            + option
                            + " with a free port");
        }
    }

    private static void deleteRecursively(Path path) {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(path)) {
            paths.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
