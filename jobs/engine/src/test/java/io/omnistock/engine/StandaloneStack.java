package io.omnistock.engine;

import io.omnistock.deploy.KafkaBrokerProcess;
import io.omnistock.deploy.StandaloneFlinkCluster;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A real standalone Flink session cluster and a Kafka broker process, in a fresh work directory
 * beside the shaded job jar this build packaged (failsafe runs after {@code package}).
 *
 * @param work the directory both write to, emptied at start
 */
record StandaloneStack(Path work, StandaloneFlinkCluster flink, KafkaBrokerProcess kafka)
        implements AutoCloseable {

    /** Starts both in {@code <job jar's dir>/<name>}. */
    static StandaloneStack start(String name) throws Exception {
        return start(name, Map.of());
    }

    /** Starts both, the cluster with {@code settings} over its test-sized configuration. */
    static StandaloneStack start(String name, Map<String, String> settings) throws Exception {
        Path work = jobJar().getParent().resolve(name);
        deleteRecursively(work);
        Files.createDirectories(work);
        StandaloneFlinkCluster flink =
                StandaloneFlinkCluster.start(
                        work.resolve("flink"),
                        Path.of(System.getProperty("omnistock.flink-conf")),
                        StandaloneFlinkCluster.clusterClasspath(),
                        withTestMemory(settings));
        try {
            KafkaBrokerProcess kafka =
                    KafkaBrokerProcess.start(
                            work.resolve("kafka"),
                            System.getProperty("java.class.path"),
                            List.of(
                                    "-Xmx512m",
                                    "-Dlog4j.configurationFile=" + flink.log4jProperties().toUri()),
                            StandaloneFlinkCluster.READY);
            return new StandaloneStack(work, flink, kafka);
        } catch (Exception | Error e) {
            flink.close();
            throw e;
        }
    }

    private static Map<String, String> withTestMemory(Map<String, String> settings) {
        Map<String, String> all = new HashMap<>(StandaloneFlinkCluster.TEST_MEMORY);
        all.putAll(settings);
        return all;
    }

    /** The shaded job jar this build packaged. */
    static Path jobJar() {
        Path jar = Path.of(System.getProperty("omnistock.job-jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(
                    "no job jar at " + jar + ": run through Maven's verify phase");
        }
        return jar;
    }

    @Override
    public void close() throws Exception {
        try {
            flink.close();
        } finally {
            kafka.close();
        }
    }

    private static void deleteRecursively(Path dir) throws Exception {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        }
    }
}
