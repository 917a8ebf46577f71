package io.omnistock.engine;

import io.omnistock.deploy.ChildJvm;
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
 * beside the shaded job jar this build packaged (failsafe runs after {@code package}); {@link
 * #startHighlyAvailable} adds ZooKeeper high availability as config.yaml's high-availability block
 * and docs/operations/high-availability.md set it up, with a standby job manager.
 *
 * @param work the directory all of them write to, emptied at start
 * @param zookeeper the ZooKeeper server (Flink's own shaded one), or null without high availability
 */
record StandaloneStack(
        Path work, StandaloneFlinkCluster flink, KafkaBrokerProcess kafka, ChildJvm zookeeper)
        implements AutoCloseable {

    /** Starts both in {@code <job jar's dir>/<name>}. */
    static StandaloneStack start(String name) throws Exception {
        return start(name, Map.of());
    }

    /** Starts both, the cluster with {@code settings} over its test-sized configuration. */
    static StandaloneStack start(String name, Map<String, String> settings) throws Exception {
        Path work = emptyWorkDir(name);
        return start(work, settings, null);
    }

    /**
     * Starts a ZooKeeper server, the cluster under ZooKeeper high availability with a standby job
     * manager ({@link StandaloneFlinkCluster#killLeadingJobManager} fails over to it), and the
     * broker.
     */
    static StandaloneStack startHighlyAvailable(String name) throws Exception {
        Path work = emptyWorkDir(name);
        int zkPort = ChildJvm.freePort();
        ChildJvm zookeeper =
                ChildJvm.start(
                        "zookeeper",
                        StandaloneFlinkCluster.clusterClasspath(),
                        List.of("-Xmx128m"),
                        "org.apache.flink.shaded.zookeeper3.org.apache.zookeeper.server"
                                + ".ZooKeeperServerMain",
                        List.of(Integer.toString(zkPort), work.resolve("zookeeper").toString()),
                        work.resolve("zookeeper.log"));
        try {
            StandaloneStack stack =
                    start(
                            work,
                            Map.of(
                                    "high-availability.type",
                                    "zookeeper",
                                    "high-availability.zookeeper.quorum",
                                    "localhost:" + zkPort,
                                    "high-availability.storageDir",
                                    work.resolve("ha").toUri().toString(),
                                    "high-availability.cluster-id",
                                    "/" + name,
                                    // the leader's ZooKeeper session outlives its SIGKILL this
                                    // long before the standby may lead (Flink's default: 60 s)
                                    "high-availability.zookeeper.client.session-timeout",
                                    "10 s"),
                            zookeeper);
            stack.flink().startStandbyJobManager(ChildJvm.freePort());
            return stack;
        } catch (Exception | Error e) {
            zookeeper.close();
            throw e;
        }
    }

    private static StandaloneStack start(
            Path work, Map<String, String> settings, ChildJvm zookeeper) throws Exception {
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
            return new StandaloneStack(work, flink, kafka, zookeeper);
        } catch (Exception | Error e) {
            flink.close();
            throw e;
        }
    }

    private static Path emptyWorkDir(String name) throws Exception {
        Path work = jobJar().getParent().resolve(name);
        deleteRecursively(work);
        Files.createDirectories(work);
        return work;
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
            try {
                kafka.close();
            } finally {
                if (zookeeper != null) {
                    zookeeper.close();
                }
            }
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
