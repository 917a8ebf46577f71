package io.omnistock.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.junit.jupiter.api.Test;

/**
 * Guards the topic contract: every schema stays fully compatible (old readers read new data, new
 * readers read old data) with its released copy under src/test/resources/released, and every added
 * field carries a default. When a release ships, copy src/main/avro into a new released folder.
 */
class SchemaEvolutionTest {
    private static final Path CURRENT = Path.of("src/main/avro");
    private static final Path RELEASED = Path.of("src/test/resources/released");
    private static final Path HISTORY = Path.of("src/main/avro-history");

    @Test
    void everyRecordCarriesAnEventIdAndAnEventTime() {
        Map<String, Schema> current = topLevelRecords(CURRENT);
        assertThat(current).isNotEmpty();
        Set<String> shared = sharedTypes(CURRENT);
        assertThat(shared).contains("InTransitQuantity", "OrderLine");
        current.values().stream()
                .filter(s -> !shared.contains(s.getName())) // parts of records, not topic values
                .forEach(
                        s -> {
                            assertThat(s.getField("eventId"))
                                    .as(s.getName() + ".eventId")
                                    .isNotNull();
                            assertThat(s.getField("eventTime"))
                                    .as(s.getName() + ".eventTime")
                                    .isNotNull();
                        });
    }

    @Test
    void everySchemaIsFullyCompatibleWithEveryReleasedCopy() throws IOException {
        Map<String, Schema> current = topLevelRecords(CURRENT);
        List<Path> releases = releases();
        assertThat(releases).isNotEmpty();
        for (Path release : releases) {
            Map<String, Schema> released = topLevelRecords(release);
            assertThat(current.keySet())
                    .as("schemas may be added but never removed (release " + release + ")")
                    .containsAll(released.keySet());
            released.forEach(
                    (name, old) ->
                            assertFullyCompatible(name + " vs " + release, old, current.get(name)));
        }
    }

    @Test
    void addedFieldsHaveDefaults() throws IOException {
        Map<String, Schema> current = topLevelRecords(CURRENT);
        for (Path release : releases()) {
            topLevelRecords(release)
                    .forEach(
                            (name, old) -> {
                                for (Schema.Field field : current.get(name).getFields()) {
                                    if (old.getField(field.name()) == null) {
                                        assertThat(field.hasDefaultValue())
                                                .as(
                                                        name
                                                                + "."
                                                                + field.name()
                                                                + " was added: it needs a default")
                                                .isTrue();
                                    }
                                }
                            });
        }
    }

    @Test
    void everyKnownEarlierWriterSchemaIsFullyCompatibleWithTheCurrentOne() throws IOException {
        Map<String, Schema> current = topLevelRecords(CURRENT);
        List<Path> files;
        try (Stream<Path> history = Files.list(HISTORY)) {
            files = history.filter(p -> p.toString().endsWith(".avsc")).sorted().toList();
        }
        assertThat(files).isNotEmpty();
        for (Path file : files) {
            Schema earlier = new Schema.Parser().parse(file.toFile());
            String name = file.getFileName().toString();
            assertThat(name)
                    .as("history files are named <Type>.v<n>.avsc")
                    .matches(earlier.getName() + "\\.v[0-9]+\\.avsc");
            assertThat(current)
                    .as(name + " names a current record")
                    .containsKey(earlier.getFullName());
            assertFullyCompatible(name, earlier, current.get(earlier.getFullName()));
        }
    }

    @Test
    void theCheckRejectsAFieldAddedWithoutADefault() {
        Schema v1 =
                parse(
                        "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"int\"}]}");
        Schema withDefault =
                parse(
                        "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"int\"},"
                                + "{\"name\":\"b\",\"type\":\"int\",\"default\":0}]}");
        Schema withoutDefault =
                parse(
                        "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"int\"},"
                                + "{\"name\":\"b\",\"type\":\"int\"}]}");

        assertThat(compatible(withDefault, v1) && compatible(v1, withDefault)).isTrue();
        assertThat(compatible(withoutDefault, v1)).isFalse();
    }

    private static void assertFullyCompatible(String what, Schema old, Schema current) {
        assertThat(compatible(current, old)).as(what + ": new readers must read old data").isTrue();
        assertThat(compatible(old, current)).as(what + ": old readers must read new data").isTrue();
    }

    private static boolean compatible(Schema reader, Schema writer) {
        return SchemaCompatibility.checkReaderWriterCompatibility(reader, writer).getType()
                == SchemaCompatibilityType.COMPATIBLE;
    }

    private static Schema parse(String json) {
        return new Schema.Parser().parse(json);
    }

    private static List<Path> releases() throws IOException {
        try (Stream<Path> dirs = Files.list(RELEASED)) {
            return dirs.filter(Files::isDirectory).sorted().toList();
        }
    }

    /** Records defined at the top of each .avsc file under {@code root}, by full name. */
    private static Map<String, Schema> topLevelRecords(Path root) {
        Schema.Parser parser = new Schema.Parser();
        Map<String, Schema> records = new TreeMap<>();
        for (Path file : avscFiles(root)) {
            try {
                Schema schema = parser.parse(file.toFile());
                if (schema.getType() == Schema.Type.RECORD) {
                    records.put(schema.getFullName(), schema);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return records;
    }

    /** Names of the shared types in common/: parts of records, not records of a topic. */
    private static Set<String> sharedTypes(Path root) {
        try (Stream<Path> common = Files.list(root.resolve("common"))) {
            return common.map(p -> p.getFileName().toString())
                    .filter(name -> name.endsWith(".avsc"))
                    .map(name -> name.substring(0, name.length() - ".avsc".length()))
                    .collect(Collectors.toSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Shared types (common/) first, so the records that use them parse. */
    private static List<Path> avscFiles(Path root) {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> common = Files.list(root.resolve("common"));
                Stream<Path> top = Files.list(root)) {
            common.filter(p -> p.toString().endsWith(".avsc")).sorted().forEach(files::add);
            top.filter(p -> p.toString().endsWith(".avsc")).sorted().forEach(files::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }
}
