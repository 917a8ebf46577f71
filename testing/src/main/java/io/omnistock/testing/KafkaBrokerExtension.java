package io.omnistock.testing;

import io.omnistock.contracts.TopicAdmin;
import io.omnistock.contracts.TopicSpec;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One real embedded Kafka broker per test class:
 *
 * <pre>{@code
 * @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();
 * }</pre>
 *
 * The broker starts before the class's first test and is stopped, its data deleted, after the last;
 * {@code @Nested} classes share it. Topics are not auto-created: create them with {@link
 * #createTopics}.
 *
 * <p>A test that takes the broker away mid-run registers {@link #restartable()} instead: that
 * broker listens on a fixed free port, so {@link #stop()} and {@link #restart()} keep its data and
 * its address, and clients reconnect by themselves.
 */
public final class KafkaBrokerExtension implements BeforeAllCallback, AfterAllCallback {
    private final Map<String, String> scramUsers;
    private final boolean restartable;
    private final boolean authorize;
    private final Map<String, String> brokerConfig;
    private EmbeddedKafkaBroker broker;
    private String startedBy;

    /** A broker on a random port that accepts every client (PLAINTEXT). */
    public KafkaBrokerExtension() {
        this(Map.of(), false);
    }

    private KafkaBrokerExtension(Map<String, String> scramUsers, boolean restartable) {
        this(scramUsers, restartable, false);
    }

    private KafkaBrokerExtension(
            Map<String, String> scramUsers, boolean restartable, boolean authorize) {
        this(scramUsers, restartable, authorize, Map.of());
    }

    private KafkaBrokerExtension(
            Map<String, String> scramUsers,
            boolean restartable,
            boolean authorize,
            Map<String, String> brokerConfig) {
        this.scramUsers = Map.copyOf(scramUsers);
        this.restartable = restartable;
        this.authorize = authorize;
        this.brokerConfig = Map.copyOf(brokerConfig);
    }

    /**
     * A broker on a random port that accepts every client, with these broker settings on top of the
     * test defaults (see {@link EmbeddedKafkaBroker#startWith}).
     */
    public static KafkaBrokerExtension withBrokerConfig(Map<String, String> brokerConfig) {
        return new KafkaBrokerExtension(Map.of(), false, false, brokerConfig);
    }

    /**
     * A broker that accepts only authenticated clients: {@code user} logs in with {@code password}
     * over SASL_PLAINTEXT with {@value EmbeddedKafkaBroker#SCRAM_MECHANISM} (see {@link
     * EmbeddedKafkaBroker#startAuthenticated}); {@link #createTopics} logs in as the broker's
     * admin.
     */
    public static KafkaBrokerExtension withScramUser(String user, String password) {
        return new KafkaBrokerExtension(Map.of(user, password), false);
    }

    /**
     * A broker that accepts only authenticated clients ({@code scramUsers}: user -> password) and
     * lets each do only what an ACL allows (see {@link EmbeddedKafkaBroker#startAuthorized});
     * {@link #createTopics} and {@link #adminProperties()} use the broker's super user.
     */
    public static KafkaBrokerExtension withAuthorizedScramUsers(Map<String, String> scramUsers) {
        return new KafkaBrokerExtension(scramUsers, false, true);
    }

    /**
     * A broker on a fixed free port that accepts every client, which {@link #stop()} and {@link
     * #restart()} keep.
     */
    public static KafkaBrokerExtension restartable() {
        return new KafkaBrokerExtension(Map.of(), true);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        if (broker == null) {
            broker =
                    !brokerConfig.isEmpty()
                            ? EmbeddedKafkaBroker.startWith(brokerConfig)
                            : restartable
                                    ? EmbeddedKafkaBroker.start(freePort())
                                    : scramUsers.isEmpty()
                                            ? EmbeddedKafkaBroker.start()
                                            : authorize
                                                    ? EmbeddedKafkaBroker.startAuthorized(
                                                            scramUsers)
                                                    : EmbeddedKafkaBroker.startAuthenticated(
                                                            scramUsers);
            startedBy = context.getUniqueId();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (broker != null && context.getUniqueId().equals(startedBy)) {
            broker.close();
            broker = null;
        }
    }

    /** The broker's {@code host:port}; only while the test class runs. */
    public String bootstrapServers() {
        return broker().bootstrapServers();
    }

    /** The broker's admin login (empty when the broker accepts every client). */
    public Properties adminProperties() {
        return broker().adminProperties();
    }

    /** A port free right now; the broker binds it moments later. */
    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /**
     * Stops the broker; its data stays and the controller keeps running. Only for {@link
     * #restartable()} brokers.
     */
    public void stop() {
        broker().stop();
    }

    /**
     * Starts the stopped broker again on the same data and address and waits until it is ready.
     * Only for {@link #restartable()} brokers.
     */
    public void restart() throws Exception {
        broker().restart();
    }

    /** Creates {@code topics} (those missing) with {@code partitions} partitions each. */
    public void createTopics(Collection<TopicSpec<?>> topics, int partitions) {
        TopicAdmin.createTopics(bootstrapServers(), adminProperties(), topics, partitions);
    }

    /**
     * Grants {@code acls} as the broker's super user and returns once the broker enforces them: the
     * controller commits an ACL before the broker has replayed it, and a client racing that gap is
     * refused.
     */
    public void grant(Collection<AclBinding> acls) throws Exception {
        Properties props = adminProperties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        try (Admin admin = Admin.create(props)) {
            admin.createAcls(acls).all().get();
            Await.until(
                    "the broker enforcing " + acls.size() + " new ACLs",
                    () -> admin.describeAcls(AclBindingFilter.ANY).values().get(),
                    enforced -> new HashSet<>(enforced).containsAll(acls),
                    Duration.ofSeconds(30));
        }
    }

    private EmbeddedKafkaBroker broker() {
        if (broker == null) {
            throw new IllegalStateException(
                    "no broker: register the extension as a static @RegisterExtension field");
        }
        return broker;
    }
}
