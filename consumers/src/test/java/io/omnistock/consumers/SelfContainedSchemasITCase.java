package io.omnistock.consumers;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.omnistock.contracts.AvroCodec;
import io.omnistock.contracts.TopicSpec;
import io.omnistock.contracts.Topics;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

/**
 * The self-contained schema of every topic in the catalog, from the schemas jar, parsed by a second
 * Avro implementation (Python's {@code avro}), which decodes bytes the engine's codec wrote (every
 * field set) and encodes the record again to the very same bytes.
 */
class SelfContainedSchemasITCase {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void everyTopicHasASelfContainedSchemaThatIsTheEnginesWriterSchema() throws IOException {
        for (TopicSpec<?> topic : Topics.all()) {
            Schema parsed = new Schema.Parser().parse(new String(read(topic), UTF_8));
            // the same writer schema: the same parsing form, so the same fingerprint
            assertThat(SchemaNormalization.toParsingForm(parsed))
                    .as(topic.name())
                    .isEqualTo(
                            SchemaNormalization.toParsingForm(
                                    SpecificData.get().getSchema(topic.valueType())));
        }
    }

    @Test
    void pythonsAvroDecodesWhatTheEngineWrote() throws Exception {
        Python.requireLibraries();
        Path dir = Files.createTempDirectory("avro-self-contained");
        StringBuilder input = new StringBuilder();
        List<String> written = new ArrayList<>();
        List<List<String>> fields = new ArrayList<>();
        for (TopicSpec<?> topic : Topics.all()) {
            Path schema = dir.resolve(topic.valueType().getSimpleName() + ".avsc");
            Files.write(schema, read(topic));
            for (int seed = 0; seed < 3; seed++) {
                byte[] bytes = encode(topic, seed);
                written.add(HEX.formatHex(bytes));
                fields.add(
                        SpecificData.get().getSchema(topic.valueType()).getFields().stream()
                                .map(Schema.Field::name)
                                .toList());
                input.append(schema).append(' ').append(HEX.formatHex(bytes)).append('\n');
            }
        }
        Python.Result run =
                Python.run(List.of("src/test/python/avro_roundtrip.py"), input.toString(), 120);
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        List<String> lines = run.stdout().lines().toList();
        assertThat(lines).hasSize(written.size());
        for (int i = 0; i < lines.size(); i++) {
            String[] parts = lines.get(i).split(" ");
            assertThat(parts[0]).as("record %d re-encoded by Python", i).isEqualTo(written.get(i));
            assertThat(List.of(parts[1].split(","))).as("fields").isEqualTo(fields.get(i));
        }
    }

    private static <V extends SpecificRecord> byte[] encode(TopicSpec<V> topic, int seed) {
        AvroCodec<V> codec = topic.codec();
        return codec.encode(SampleRecords.of(topic.valueType(), seed));
    }

    private static byte[] read(TopicSpec<?> topic) throws IOException {
        String resource = "/avro-self-contained/" + topic.valueType().getSimpleName() + ".avsc";
        try (InputStream in = SelfContainedSchemasITCase.class.getResourceAsStream(resource)) {
            assertThat(in).as(resource + " in the schemas jar").isNotNull();
            return in.readAllBytes();
        }
    }
}
