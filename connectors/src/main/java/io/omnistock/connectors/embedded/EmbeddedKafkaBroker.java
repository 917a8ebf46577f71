package io.omnistock.connectors.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import kafka.server.BrokerServer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A real single-node Kafka (KRaft, combined broker and controller) running inside this JVM, for
 * tests and the local demo. Ready in about two seconds, no Docker needed. Configured like a
 * one-broker production cluster: replication factors and min ISR 1, transactions up to 15 min, no
 * topic auto-creation, records up to {@link #MAX_MESSAGE_BYTES}. {@link #close()} stops it and
 * deletes its data.
 *
 * <p>A broker started on a fixed port can be {@link #stop() stopped} and {@link #restart()
 * restarted} to test clients through an outage: the broker process stops (its log directories,
 * topics, committed offsets and transaction state stay on disk) while the KRaft controller and its
 * metadata log stay up, and the restarted broker listens on the same {@code localhost:port} again,
 * where clients reconnect by themselves.
 *
 * <p>Built on Kafka's {@code KafkaClusterTestKit} (kafka-test-common-runtime, an internal test API
 * that may change between Kafka versions). That artifact and kafka_2.13 are optional dependencies
 * of this module: a module that starts the broker must declare them itself.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    /** Largest record the broker accepts (the Kafka default is 1 MiB). */
    public static final int MAX_MESSAGE_BYTES = 4 * 1024 * 1024;

    /** The client listener of a fixed port; the test kit's own listener stays on a random port. */
    private static final String FIXED_LISTENER = "FIXED";

    private static final Map<String, String> BROKER_CONFIG =
            Map.ofEntries(
                    Map.entry("offsets.topic.replication.factor", "1"),
                    Map.entry("offsets.topic.num.partitions", "5"),
                    Map.entry("transaction.state.log.replication.factor", "1"),
                    Map.entry("transaction.state.log.min.isr", "1"),
                    Map.entry("transaction.state.log.num.partitions", "5"),
                    Map.entry("min.insync.replicas", "1"),
                    Map.entry("group.initial.rebalance.delay.ms", "0"),
                    Map.entry("transaction.max.timeout.ms", "900000"),
                    Map.entry("auto.create.topics.enable", "false"),
                    Map.entry("message.max.bytes", Integer.toString(MAX_MESSAGE_BYTES)),
                    // the test kit enables unreleased features and APIs unless told otherwise
                    Map.entry("unstable.feature.versions.enable", "false"),
                    Map.entry("unstable.api.versions.enable", "false"));

    private final KafkaClusterTestKit cluster;
    private final String bootstrapServers;
    private final boolean fixedPort;
    private boolean stopped;

    private EmbeddedKafkaBroker(
            KafkaClusterTestKit cluster, String bootstrapServers, boolean fixedPort) {
        this.cluster = cluster;
        this.bootstrapServers = bootstrapServers;
        this.fixedPort = fixedPort;
    }

    /** Starts a broker on a random free port and waits until it accepts clients. */
    public static EmbeddedKafkaBroker start() throws Exception {
        return start(0);
    }

    /**
     * Starts a broker whose clients connect to {@code localhost:port} (0 = a random free port) and
     * waits until it accepts clients.
     */
    public static EmbeddedKafkaBroker start(int port) throws Exception {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("not a port: " + port);
        }
        Path baseDir = Files.createTempDirectory("omnistock-kafka-");
        TestKitNodes nodes =
                new TestKitNodes.Builder()
                        .setCombined(true)
                        .setNumBrokerNodes(1)
                        .setNumControllerNodes(1)
                        .setBootstrapMetadataVersion(MetadataVersion.latestProduction())
                        .setBaseDirectory(baseDir)
                        .build();
        KafkaClusterTestKit cluster;
        try {
            KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(nodes);
            BROKER_CONFIG.forEach(builder::setConfigProp);
            if (port != 0) {
                addFixedPortListener(builder, nodes, port);
            }
            cluster = builder.build();
        } catch (Exception | Error e) {
            deleteRecursively(baseDir); // nothing else owns it yet
            throw e;
        }
        try {
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
        } catch (Exception | Error e) {
            try {
                cluster.close();
            } catch (Exception closeFailure) {
                e.addSuppressed(closeFailure);
            }
            throw e;
        }
        String bootstrap = port == 0 ? cluster.bootstrapServers() : "localhost:" + port;
        return new EmbeddedKafkaBroker(cluster, bootstrap, port != 0);
    }

    /**
     * The test kit binds its client listener to a socket it opened on a random port beforehand,
     * whatever port the configuration names. A fixed port therefore gets a listener of its own,
     * which the broker binds itself and advertises as {@code localhost:port}.
     */
    private static void addFixedPortListener(
            KafkaClusterTestKit.Builder builder, TestKitNodes nodes, int port) {
        String broker = nodes.brokerListenerName().value();
        String controller = nodes.controllerListenerName().value();
        builder.setConfigProp(
                "listeners",
                String.format(
                        "%s://localhost:0,%s://localhost:0,%s://localhost:%d",
                        broker, controller, FIXED_LISTENER, port));
        builder.setConfigProp(
                "listener.security.protocol.map",
                String.format(
                        "%s:%s,%s:%s,%s:PLAINTEXT",
                        broker,
                        nodes.brokerListenerProtocol().name,
                        controller,
                        nodes.controllerListenerProtocol().name,
                        FIXED_LISTENER));
    }

    /** The {@code host:port} list clients bootstrap from. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /**
     * Stops the broker (a controlled shutdown that flushes its logs); the controller stays up and
     * the data stays on disk. Clients see the broker gone until {@link #restart()}. No effect on a
     * stopped broker.
     *
     * @throws IllegalStateException if the broker was started on a random port, which a restarted
     *     broker would not get again
     */
    public synchronized void stop() {
        requireFixedPort();
        if (!stopped) {
            cluster.brokers().values().forEach(BrokerServer::shutdown);
            stopped = true;
        }
    }

    /**
     * Starts the broker again (stopping it first if it runs) on the same data and the same client
     * address, and waits until the controller has it registered and unfenced. That takes up to
     * about ten seconds after {@link #stop()}: the controller accepts the new registration only
     * once the stopped broker's session ({@code broker.session.timeout.ms}, 9 s) has expired. A
     * shorter session would make restarts quicker but could let a loaded test machine fence a live
     * broker, so it keeps Kafka's default.
     *
     * @throws IllegalStateException if the broker was started on a random port
     */
    public synchronized void restart() throws Exception {
        stop();
        cluster.brokers().values().forEach(BrokerServer::startup);
        cluster.waitForReadyBrokers();
        stopped = false;
    }

    private void requireFixedPort() {
        if (!fixedPort) {
            throw new IllegalStateException(
                    "only a broker started on a fixed port can stop and restart: start(port)");
        }
    }

    /** Stops the broker and deletes its data directories. */
    @Override
    public synchronized void close() throws Exception {
        cluster.close();
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
