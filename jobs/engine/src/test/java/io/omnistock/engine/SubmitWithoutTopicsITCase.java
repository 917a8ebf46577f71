package io.omnistock.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.omnistock.contracts.TopicAdmin;
import io.omnistock.contracts.Topics;
import io.omnistock.deploy.StandaloneFlinkCluster;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * The shaded jar submitted through REST to a real standalone cluster, against a real broker that
 * lacks the topics: the submission itself fails with the message naming the missing topics and the
 * command that creates them, and no job exists (so none restarts without end). Once the topics
 * exist, the same upload runs.
 */
class SubmitWithoutTopicsITCase {

    @Test
    void theSubmissionFailsNamingTheMissingTopicsUntilTheyAreCreated() throws Exception {
        try (StandaloneStack stack = StandaloneStack.start("submit-without-topics-it")) {
            StandaloneFlinkCluster flink = stack.flink();
            String bootstrap = stack.kafka().bootstrapServers();
            List<String> args = List.of("--kafka.bootstrap-servers", bootstrap);
            String jarId = flink.uploadJar(StandaloneStack.jobJar());

            Throwable refused = catchThrowable(() -> flink.runJar(jarId, args, 1, null));

            assertThat(refused)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("Missing Kafka topics at " + bootstrap + ": ")
                    .hasMessageContaining("deadletter")
                    .hasMessageContaining("./omnistock topics create --bootstrap " + bootstrap);
            assertThat(flink.get("/jobs/overview").path("jobs")).isEmpty();

            TopicAdmin.createTopics(bootstrap, new Properties(), Topics.all(), 1);
            String job = flink.runJar(jarId, args, 1, null);
            flink.awaitRunning(job, StandaloneFlinkCluster.READY);
        }
    }
}
