package io.omnistock.schemas;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;

/**
 * Writes one self-contained schema per top-level record ({@code src/main/avro/<Type>.avsc}, not
 * {@code common/}): every named type it uses is defined inline at its first use, so the file parses
 * on its own in any Avro implementation (Python, Go, JavaScript) without the shared types. The
 * build runs it after compiling ({@code exec-maven-plugin}, phase {@code process-classes}), writing
 * {@code avro-self-contained/<Type>.avsc} into the schemas jar; a field added to an {@code .avsc}
 * flows through with no change here.
 *
 * <p>Usage: {@code SelfContainedSchemas <avro source dir> <output dir>}.
 */
public final class SelfContainedSchemas {
    /** The folder, in the schemas jar and its build output, that holds the schemas. */
    public static final String RESOURCE_FOLDER = "avro-self-contained/";

    private static final String NAMESPACE = "io.omnistock.avro";
    private static final String JAVA_STRING =
            "{\"type\":\"string\",\"avro.java.string\":\"String\"}";

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException(
                    "usage: SelfContainedSchemas <avro source dir> <output dir>");
        }
        Path output = Path.of(args[1]);
        Files.createDirectories(output);
        for (String type : topLevelTypes(Path.of(args[0]))) {
            Files.writeString(
                    output.resolve(type + ".avsc"),
                    selfContained(type) + "\n",
                    StandardCharsets.UTF_8);
        }
    }

    /** The record types with a file of their own in {@code sourceDir} (not in sub-folders). */
    static List<String> topLevelTypes(Path sourceDir) throws IOException {
        List<String> types = new ArrayList<>();
        try (Stream<Path> files = Files.list(sourceDir)) {
            files.map(p -> p.getFileName().toString())
                    .filter(name -> name.endsWith(".avsc"))
                    .sorted()
                    .forEach(name -> types.add(name.substring(0, name.length() - 5)));
        }
        return types;
    }

    /** The schema of the generated class {@code io.omnistock.avro.<type>}, named types inlined. */
    public static String selfContained(String type) {
        try {
            Class<?> generated = Class.forName(NAMESPACE + "." + type);
            String compact = SpecificData.get().getSchema(generated).toString(false);
            // the generated classes' Java-only string hint means nothing to other implementations
            String plain = compact.replace(JAVA_STRING, "\"string\"");
            return new Schema.Parser().parse(plain).toString(true);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(
                    type + ".avsc must define the record " + NAMESPACE + "." + type, e);
        }
    }

    private SelfContainedSchemas() {}
}
