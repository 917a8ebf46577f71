package io.omnistock.deploy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * A single Kafka broker (KRaft, broker and controller in one process) as a child JVM, the way
 * Kafka's own scripts run it: {@code kafka.tools.StorageTool format} on a fresh directory, then
 * {@code kafka.Kafka server.properties}. Free ports, its own data directory, log in {@code dir}.
 */
public final class KafkaBrokerProcess implements AutoCloseable {
    private final Path dir;
    private final String classpath;
    private final List<String> jvmArgs;
    private final String bootstrapServers;
    private ChildJvm jvm;
    private int restarts;

    private KafkaBrokerProcess(
            Path dir,
            String classpath,
            List<String> jvmArgs,
            ChildJvm jvm,
            String bootstrapServers) {
        this.dir = dir;
        this.classpath = classpath;
        this.jvmArgs = List.copyOf(jvmArgs);
        this.jvm = jvm;
        this.bootstrapServers = bootstrapServers;
    }

    /** {@link #start(Path, String, List, Duration, int)} on a free port. */
    public static KafkaBrokerProcess start(
            Path dir, String classpath, List<String> jvmArgs, Duration ready) throws Exception {
        return start(dir, classpath, jvmArgs, ready, 0);
    }

    /**
     * Formats storage under {@code dir} (which must not hold a broker's data yet), starts the
     * broker with clients on {@code port} (0: a free one) and waits until it answers.
     */
    public static KafkaBrokerProcess start(
            Path dir, String classpath, List<String> jvmArgs, Duration ready, int port)
            throws Exception {
        if (port == 0) {
            port = ChildJvm.freePort();
        }
        int controllerPort = ChildJvm.freePort();
        Properties server = new Properties();
        server.setProperty("process.roles", "broker,controller");
        server.setProperty("node.id", "1");
        server.setProperty(
                "listeners",
                "PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort);
        server.setProperty("advertised.listeners", "PLAINTEXT://localhost:" + port);
        server.setProperty("controller.listener.names", "CONTROLLER");
        server.setProperty("inter.broker.listener.name", "PLAINTEXT");
        server.setProperty(
                "listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        server.setProperty("controller.quorum.bootstrap.servers", "localhost:" + controllerPort);
        server.setProperty("log.dirs", dir.resolve("data").toString());
        // One broker: every internal topic with one replica.
        server.setProperty("offsets.topic.replication.factor", "1");
        server.setProperty("transaction.state.log.replication.factor", "1");
        server.setProperty("transaction.state.log.min.isr", "1");
        server.setProperty("share.coordinator.state.topic.replication.factor", "1");
        server.setProperty("share.coordinator.state.topic.min.isr", "1");
        server.setProperty("group.initial.rebalance.delay.ms", "0");
        Path properties = dir.resolve("server.properties");
        Files.createDirectories(dir);
        try (var out = Files.newBufferedWriter(properties)) {
            server.store(out, "single-node KRaft broker");
        }
        Path log = dir.resolve("kafka.log");
        ChildJvm.run(
                "kafka storage format",
                classpath,
                "kafka.tools.StorageTool",
                List.of(
                        "format",
                        "-t",
                        Uuid.randomUuid().toString(),
                        "-c",
                        properties.toString(),
                        "--standalone"),
                dir.resolve("kafka-storage-format.log"),
                ready);
        ChildJvm jvm =
                ChildJvm.start(
                        "kafka broker",
                        classpath,
                        jvmArgs,
                        "kafka.Kafka",
                        List.of(properties.toString()),
                        log);
        KafkaBrokerProcess broker =
                new KafkaBrokerProcess(dir, classpath, jvmArgs, jvm, "localhost:" + port);
        try {
            broker.awaitReady(ready);
        } catch (Exception | AssertionError e) {
            broker.close();
            throw e;
        }
        return broker;
    }

    private void awaitReady(Duration deadline) throws Exception {
        Properties admin = new Properties();
        admin.setProperty(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        admin.setProperty(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        admin.setProperty(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "5000");
        try (Admin client = Admin.create(admin)) {
            Poll.until(
                    "the Kafka broker at " + bootstrapServers + " answers",
                    () -> {
                        jvm.requireAlive();
                        try {
                            return client.describeCluster().nodes().get(5, TimeUnit.SECONDS).size();
                        } catch (java.util.concurrent.ExecutionException
                                | java.util.concurrent.TimeoutException e) {
                            return null;
                        }
                    },
                    Objects::nonNull,
                    deadline);
        }
    }

    public boolean isAlive() {
        return jvm.isAlive();
    }

    /** The operating system's id of the broker's process. */
    public long pid() {
        return jvm.pid();
    }

    /**
     * Stops the broker (SIGTERM, a controlled shutdown), starts it again on the same data and
     * ports, and waits until it answers: clients reconnect by themselves.
     */
    public void restart(Duration ready) throws Exception {
        jvm.close();
        restarts++;
        jvm =
                ChildJvm.start(
                        "kafka broker",
                        classpath,
                        jvmArgs,
                        "kafka.Kafka",
                        List.of(dir.resolve("server.properties").toString()),
                        dir.resolve("kafka-" + restarts + ".log"));
        awaitReady(ready);
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    @Override
    public void close() throws InterruptedException {
        jvm.close();
    }

    @Override
    public String toString() {
        return "Kafka broker " + bootstrapServers + ", " + jvm;
    }
}
