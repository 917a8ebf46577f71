package io.omnistock.testing;

import io.omnistock.contracts.JaasConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import kafka.server.BrokerServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A real single-node Kafka (KRaft, combined broker and controller) running inside this JVM, for
 * tests and the local demo. Ready in about two seconds, no Docker needed. Configured like a
 * one-broker production cluster: replication factors and min ISR 1, transactions up to 15 min, no
 * topic auto-creation, records up to {@link #MAX_MESSAGE_BYTES}. {@link #close()} stops it and
 * deletes its data. {@link #start()} accepts every client; {@link #startAuthenticated} only clients
 * that log in (SASL/SCRAM).
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

    /** The SCRAM mechanism clients of an authenticated broker log in with. */
    public static final String SCRAM_MECHANISM = "SCRAM-SHA-256";

    /** The user the broker itself and {@link #adminProperties()} log in as (PLAIN). */
    public static final String ADMIN_USER = "admin";

    private static final String PLAIN_LOGIN =
            "org.apache.kafka.common.security.plain.PlainLoginModule";
    private static final String SCRAM_LOGIN =
            "org.apache.kafka.common.security.scram.ScramLoginModule";
    private static final Duration USERS_READY_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaClusterTestKit cluster;
    private final String bootstrapServers;
    private final Properties adminProperties;
    private final boolean fixedPort;
    private boolean stopped;

    private EmbeddedKafkaBroker(
            KafkaClusterTestKit cluster,
            String bootstrapServers,
            Properties adminProperties,
            boolean fixedPort) {
        this.cluster = cluster;
        this.bootstrapServers = bootstrapServers;
        this.adminProperties = adminProperties;
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
        return start(port, null);
    }

    /**
     * Starts a broker on a random free port whose client listener accepts only authenticated
     * clients (SASL_PLAINTEXT): each of {@code scramUsers} (user -> password) logs in with {@value
     * #SCRAM_MECHANISM}; the broker itself and {@link #adminProperties()} log in as {@value
     * #ADMIN_USER} with PLAIN and a password made up for this broker. Authentication only: there is
     * no authorizer, so every authenticated user may do anything. The controller listener (a random
     * port of its own, which clients are never told about) stays PLAINTEXT. Returns once every user
     * can log in.
     */
    public static EmbeddedKafkaBroker startAuthenticated(Map<String, String> scramUsers)
            throws Exception {
        if (scramUsers.isEmpty()) {
            throw new IllegalArgumentException("an authenticated broker needs a SCRAM user");
        }
        return start(0, Map.copyOf(scramUsers), false);
    }

    /**
     * Like {@link #startAuthenticated}, and with Kafka's standard KRaft authorizer ({@code
     * StandardAuthorizer}): a user may do only what an ACL allows ({@code
     * allow.everyone.if.no.acl.found=false}). The broker's own login ({@value #ADMIN_USER}, which
     * {@link #adminProperties()} use) and the principal of the controller listener inside this
     * broker ({@code User:ANONYMOUS}, PLAINTEXT on a port no client is told about) are super users.
     */
    public static EmbeddedKafkaBroker startAuthorized(Map<String, String> scramUsers)
            throws Exception {
        if (scramUsers.isEmpty()) {
            throw new IllegalArgumentException("an authorizing broker needs a SCRAM user");
        }
        return start(0, Map.copyOf(scramUsers), true);
    }

    /**
     * Starts a broker on a random free port with these broker settings on top of the test defaults
     * (e.g. {@code log.retention.check.interval.ms}, which is not a topic setting).
     */
    public static EmbeddedKafkaBroker startWith(Map<String, String> brokerConfig) throws Exception {
        return start(0, null, false, Map.copyOf(brokerConfig));
    }

    private static EmbeddedKafkaBroker start(int port, Map<String, String> scramUsers)
            throws Exception {
        return start(port, scramUsers, false);
    }

    private static EmbeddedKafkaBroker start(
            int port, Map<String, String> scramUsers, boolean authorize) throws Exception {
        return start(port, scramUsers, authorize, Map.of());
    }

    /**
     * {@code scramUsers} null: no authentication; {@code authorize}: ACLs decide; {@code
     * brokerConfig} on top of the defaults.
     */
    private static EmbeddedKafkaBroker start(
            int port,
            Map<String, String> scramUsers,
            boolean authorize,
            Map<String, String> brokerConfig)
            throws Exception {
        String adminPassword = scramUsers == null ? null : UUID.randomUUID().toString();
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
            brokerConfig.forEach(builder::setConfigProp);
            if (port != 0) {
                addFixedPortListener(builder, nodes, port);
            }
            if (adminPassword != null) {
                requireAuthentication(builder, nodes, adminPassword);
            }
            if (authorize) {
                builder.setConfigProp(
                        "authorizer.class.name",
                        "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
                builder.setConfigProp("super.users", "User:" + ADMIN_USER + ";User:ANONYMOUS");
                builder.setConfigProp("allow.everyone.if.no.acl.found", "false");
            }
            cluster = builder.build();
        } catch (Exception | Error e) {
            deleteRecursively(baseDir); // nothing else owns it yet
            throw e;
        }
        Properties admin = new Properties();
        if (adminPassword != null) {
            admin.setProperty("security.protocol", "SASL_PLAINTEXT");
            admin.setProperty("sasl.mechanism", "PLAIN");
            admin.setProperty(
                    "sasl.jaas.config",
                    JaasConfig.login(JaasConfig.PLAIN_LOGIN_MODULE, ADMIN_USER, adminPassword));
        }
        String bootstrap;
        try {
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            bootstrap = port == 0 ? cluster.bootstrapServers() : "localhost:" + port;
            if (scramUsers != null) {
                createScramUsers(bootstrap, admin, scramUsers);
            }
        } catch (Exception | Error e) {
            try {
                cluster.close();
            } catch (Exception closeFailure) {
                e.addSuppressed(closeFailure);
            }
            throw e;
        }
        return new EmbeddedKafkaBroker(cluster, bootstrap, admin, port != 0);
    }

    /**
     * The test kit's client listener becomes SASL_PLAINTEXT with PLAIN (the broker's own login, and
     * the admin's) and SCRAM-SHA-256 (every other user: credentials kept in the metadata log).
     */
    private static void requireAuthentication(
            KafkaClusterTestKit.Builder builder, TestKitNodes nodes, String adminPassword) {
        String broker = nodes.brokerListenerName().value();
        String prefix = "listener.name." + broker.toLowerCase(Locale.ROOT) + ".";
        builder.setConfigProp(
                "listener.security.protocol.map",
                String.format(
                        "%s:SASL_PLAINTEXT,%s:%s",
                        broker,
                        nodes.controllerListenerName().value(),
                        nodes.controllerListenerProtocol().name));
        builder.setConfigProp("sasl.enabled.mechanisms", "PLAIN," + SCRAM_MECHANISM);
        builder.setConfigProp("sasl.mechanism.inter.broker.protocol", "PLAIN");
        builder.setConfigProp(
                prefix + "plain.sasl.jaas.config",
                String.format(
                        "%s required username=\"%s\" password=\"%s\" user_%s=\"%s\";",
                        PLAIN_LOGIN, ADMIN_USER, adminPassword, ADMIN_USER, adminPassword));
        builder.setConfigProp(
                prefix + SCRAM_MECHANISM.toLowerCase(Locale.ROOT) + ".sasl.jaas.config",
                SCRAM_LOGIN + " required;");
    }

    /** Creates the SCRAM users and waits until each of them can log in. */
    private static void createScramUsers(
            String bootstrap, Properties admin, Map<String, String> users) throws Exception {
        Properties props = new Properties();
        props.putAll(admin);
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin client = Admin.create(props)) {
            List<UserScramCredentialAlteration> upserts = new ArrayList<>();
            users.forEach(
                    (user, password) ->
                            upserts.add(
                                    new UserScramCredentialUpsertion(
                                            user,
                                            new ScramCredentialInfo(
                                                    ScramMechanism.SCRAM_SHA_256, 4096),
                                            password)));
            client.alterUserScramCredentials(upserts).all().get();
        }
        // The credentials reach the broker's metadata cache a moment after the controller
        // accepts them: log each user in until it works.
        long deadline = System.nanoTime() + USERS_READY_TIMEOUT.toNanos();
        for (Map.Entry<String, String> user : users.entrySet()) {
            Properties login = scramClientProperties(user.getKey(), user.getValue());
            login.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            while (!canLogIn(login)) {
                if (System.nanoTime() - deadline > 0) {
                    throw new IllegalStateException(
                            "SCRAM user "
                                    + user.getKey()
                                    + " cannot log in after "
                                    + USERS_READY_TIMEOUT);
                }
                TimeUnit.MILLISECONDS.sleep(50);
            }
        }
    }

    /** Whether a consumer with {@code login} can list topics (false: authentication failed). */
    private static boolean canLogIn(Properties login) {
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(
                        login, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.listTopics(USERS_READY_TIMEOUT);
            return true;
        } catch (SaslAuthenticationException e) {
            return false;
        }
    }

    /**
     * Kafka client properties logging {@code user} in with {@value #SCRAM_MECHANISM} over
     * SASL_PLAINTEXT; for tests that build clients by hand (the jobs use {@code KafkaSecurity}).
     */
    public static Properties scramClientProperties(String user, String password) {
        Properties props = new Properties();
        props.setProperty("security.protocol", "SASL_PLAINTEXT");
        props.setProperty("sasl.mechanism", SCRAM_MECHANISM);
        props.setProperty(
                "sasl.jaas.config",
                JaasConfig.login(JaasConfig.SCRAM_LOGIN_MODULE, user, password));
        return props;
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

    /**
     * Client properties of the broker's administrator (security protocol, mechanism and login);
     * empty when the broker does not authenticate clients.
     */
    public Properties adminProperties() {
        Properties copy = new Properties();
        copy.putAll(adminProperties);
        return copy;
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
