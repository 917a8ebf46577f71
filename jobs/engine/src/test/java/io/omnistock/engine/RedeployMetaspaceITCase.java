package io.omnistock.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.omnistock.contracts.TopicAdmin;
import io.omnistock.contracts.Topics;
import io.omnistock.deploy.ChildJvm;
import io.omnistock.deploy.KafkaBrokerProcess;
import io.omnistock.deploy.StandaloneFlinkCluster;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The documented upgrade path resubmits the shaded jar to the same session cluster. With REST
 * submission the job's {@code main()} runs inside the job manager under a user-code class loader,
 * and the job's coordinators (the Kafka source's enumerator) run there too: whatever keeps one of
 * those class loaders reachable after the job ends keeps every class of the job jar (~15-20 MB of
 * metaspace) until the job manager dies of {@code OutOfMemoryError: Metaspace}.
 *
 * <p>One standalone session cluster (job manager and task manager as separate JVMs) and a real
 * Kafka broker process; the jar is uploaded once, then run and cancelled {@value #CYCLES} times
 * (running, cancel, cancelled). After each cycle the test forces a full GC in the job manager (G1
 * unloads classes of unreachable class loaders on a full GC) with {@code jcmd} and reads metaspace
 * used ({@code GC.heap_info}) and the live user-code class loaders ({@code GC.class_histogram}).
 *
 * <p>Logs: {@code target/redeploy-metaspace-it/}.
 */
class RedeployMetaspaceITCase {
    /**
     * Enough to catch a leak many times over (before the fix each cycle kept 22 MB and 2 class
     * loaders), few enough for the suite's time: a cycle takes about 12 s.
     */
    static final int CYCLES = 6;

    /**
     * Metaspace the last cycle may hold over the first. A leaked job class loader holds 15-20 MB,
     * so five leaking cycles exceed this several times over; what may legitimately grow after the
     * first cycle (Flink classes loaded only on a later path, JIT metadata) is a few MB.
     */
    static final long METASPACE_SLACK_KB = 30 * 1024;

    /**
     * User-code class loaders that may be alive after the last cycle: the last job's, if the job
     * manager has not finished releasing it when the GC runs, and the one of its {@code main()}.
     */
    static final int LIVE_LOADERS = 2;

    private static final Pattern METASPACE_USED = Pattern.compile("Metaspace\\s+used\\s+(\\d+)K");

    private static StandaloneStack stack;
    private static StandaloneFlinkCluster flink;
    private static KafkaBrokerProcess kafka;

    @BeforeAll
    static void startClusterAndBroker() throws Exception {
        stack = StandaloneStack.start("redeploy-metaspace-it");
        flink = stack.flink();
        kafka = stack.kafka();
    }

    @AfterAll
    static void stopEverything() throws Exception {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void resubmittingTheJarToOneSessionClusterLeavesNoClassLoaderOfACancelledJob()
            throws Exception {
        String bootstrap = kafka.bootstrapServers();
        TopicAdmin.createTopics(bootstrap, new Properties(), Topics.all(), 2);
        String jarId = flink.uploadJar(StandaloneStack.jobJar());
        ChildJvm jobManager = flink.jobManager();

        List<Probe> probes = new ArrayList<>();
        for (int cycle = 1; cycle <= CYCLES; cycle++) {
            String job = flink.runJar(jarId, jobArgs(bootstrap), 1, null);
            flink.awaitRunning(job, StandaloneFlinkCluster.READY);
            flink.cancel(job);
            flink.awaitJob(
                    job,
                    j -> "CANCELED".equals(j.path("state").asText()),
                    "is cancelled",
                    StandaloneFlinkCluster.READY);
            jobManager.requireAlive();
            Probe probe = Probe.of(jobManager.pid());
            probes.add(probe);

            System.out.printf(
                    "cycle %2d: job manager metaspace used %,d KB, %d user-code class loaders%n",
                    cycle, probe.metaspaceUsedKb(), probe.userCodeLoaders());
        }

        Probe first = probes.get(0);
        Probe last = probes.get(probes.size() - 1);
        assertThat(last.metaspaceUsedKb())
                .as(
                        "job manager metaspace used (KB) after %d submissions and cancellations,"
                                + " against %,d KB after the first; every cycle: %s",
                        CYCLES, first.metaspaceUsedKb(), probes)
                .isLessThanOrEqualTo(first.metaspaceUsedKb() + METASPACE_SLACK_KB);
        assertThat(last.userCodeLoaders())
                .as("user-code class loaders alive in the job manager after a full GC")
                .isLessThanOrEqualTo(LIVE_LOADERS);
    }

    /** What {@code jcmd} shows of the job manager right after a full GC. */
    record Probe(long metaspaceUsedKb, int userCodeLoaders) {
        static Probe of(long pid) throws Exception {
            // GC.class_histogram runs a full GC itself, which unloads the classes of every class
            // loader nothing reaches any more; run one before as well so metaspace is read after.
            jcmd(pid, "GC.run");
            List<String> histogram = jcmd(pid, "GC.class_histogram");
            int loaders = 0;
            for (String line : histogram) {
                String[] columns = line.trim().split("\\s+");
                if (columns.length >= 4
                        && columns[3].equals("org.apache.flink.util.ChildFirstClassLoader")) {
                    loaders += Integer.parseInt(columns[1]);
                }
            }
            long used = -1;
            for (String line : jcmd(pid, "GC.heap_info")) {
                Matcher m = METASPACE_USED.matcher(line);
                if (m.find()) {
                    used = Long.parseLong(m.group(1));
                }
            }
            if (used < 0) {
                throw new IllegalStateException("no metaspace figure from jcmd " + pid);
            }
            return new Probe(used, loaders);
        }

        @Override
        public String toString() {
            return metaspaceUsedKb + " KB/" + userCodeLoaders + " loaders";
        }
    }

    /** Runs {@code jcmd <pid> <command>} and returns its output. */
    static List<String> jcmd(long pid, String command) throws Exception {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process p =
                new ProcessBuilder(jcmd.toString(), Long.toString(pid), command)
                        .redirectErrorStream(true)
                        .start();
        List<String> lines;
        try (var reader = p.inputReader()) {
            lines = reader.lines().toList();
        }
        if (p.waitFor() != 0) {
            throw new IllegalStateException("jcmd " + pid + " " + command + ": " + lines);
        }
        return lines;
    }

    /** The shipped job options with the test broker; starts on new records only. */
    private static List<String> jobArgs(String bootstrap) {
        Path properties = Path.of(System.getProperty("omnistock.flink-conf"), "engine.properties");
        return List.of(
                "--config",
                properties.toString(),
                "--kafka.bootstrap-servers",
                bootstrap,
                "--kafka.group-id",
                "redeploy-it",
                "--kafka.transactional-id-prefix",
                "redeploy-it",
                "--kafka.starting-offsets",
                "LATEST");
    }
}
