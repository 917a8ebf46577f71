package io.omnistock.consumers;

import static org.assertj.core.api.Assertions.assertThat;

import io.omnistock.consumers.sql.TableDefinitions;
import io.omnistock.contracts.TopicSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The consumer guide and the SQL reference show what the build checks: the example consumers
 * verbatim, a row for every output topic, and the table definitions {@link TableDefinitions}
 * prints.
 */
class ConsumerGuideTest {
    private static final Path DOCS = Path.of("../docs");
    private static final Path GUIDE = DOCS.resolve("tutorials/consumers.md");
    private static final Path SQL = DOCS.resolve("reference/sql-tables.md");

    @Test
    void theGuideShowsTheCheckedConsumersVerbatim() throws IOException {
        String guide = Files.readString(GUIDE);

        assertThat(guide)
                .contains(
                        Files.readString(
                                Path.of(
                                        "src/main/java/io/omnistock/consumers/examples/"
                                                + "AvailabilityConsumer.java")))
                .contains(Files.readString(Python.SOURCES.resolve("availability_consumer.py")));
    }

    @Test
    void theGuideHasARowForEveryOutputTopic() throws IOException {
        String guide = Files.readString(GUIDE);

        for (TopicSpec<?> topic : TableDefinitions.outputTopics()) {
            assertThat(guide)
                    .as(topic.name())
                    .contains(
                            "| `" + topic.name() + "` |",
                            "| `" + topic.valueType().getSimpleName() + "` |");
        }
    }

    @Test
    void theSqlReferenceHasTheTableOfEveryOutputTopic() throws IOException {
        String sql = Files.readString(SQL);

        for (TopicSpec<?> topic : TableDefinitions.outputTopics()) {
            assertThat(sql)
                    .as(
                            "the table of %s in %s; after a schema change print them all with"
                                    + " mvn -q -pl consumers exec:java -Dexec.classpathScope=compile"
                                    + " -Dexec.mainClass=%s",
                            topic.name(), SQL, TableDefinitions.class.getName())
                    .contains(TableDefinitions.ddl(topic, "localhost:9092", "") + ";");
        }
    }
}
