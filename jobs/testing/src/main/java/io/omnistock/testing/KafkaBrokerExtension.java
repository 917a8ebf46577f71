package io.omnistock.testing;

import io.omnistock.connectors.TopicAdmin;
import io.omnistock.connectors.TopicSpec;
import io.omnistock.connectors.embedded.EmbeddedKafkaBroker;
import java.util.Collection;
import java.util.Properties;
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
 */
public final class KafkaBrokerExtension implements BeforeAllCallback, AfterAllCallback {
    private EmbeddedKafkaBroker broker;
    private String startedBy;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        if (broker == null) {
            broker = EmbeddedKafkaBroker.start();
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
        if (broker == null) {
            throw new IllegalStateException(
                    "no broker: register the extension as a static @RegisterExtension field");
        }
        return broker.bootstrapServers();
    }

    /** Creates {@code topics} (those missing) with {@code partitions} partitions each. */
    public void createTopics(Collection<TopicSpec<?>> topics, int partitions) {
        TopicAdmin.createTopics(bootstrapServers(), new Properties(), topics, partitions);
    }
}
