package io.omnistock.connectors;

import java.lang.ref.Reference;
import java.lang.reflect.Field;
import java.net.URLClassLoader;
import java.util.Arrays;
import java.util.function.Predicate;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.HighAvailabilityOptions;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.core.execution.JobStatusHook;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When a job ends, drops what the job's classes left in thread locals of job manager threads the
 * job does not own, so the job manager can unload the job's classes.
 *
 * <p>With REST submission ({@code POST /jars/<id>/run}) the job manager runs {@code main()} under
 * one user-code class loader (over the uploaded jar) and builds and schedules the job under another
 * (over the job's blob), on its long-lived threads (Pekko dispatcher, {@code
 * jobmanager-future-thread}). Avro's {@code Schema.Parser}, in the job jar, sets its {@code
 * NameValidator} in a static thread local of {@code Schema} and never removes it, so every thread
 * that once parsed a schema (each generated Avro class parses one when it is initialized) keeps an
 * entry whose value, an Avro class, holds the class loader, which holds {@code Schema} and the
 * thread local itself: the entry is never expunged, and each resubmission kept the whole jar (~20
 * MB of metaspace) until {@code OutOfMemoryError: Metaspace}. The parser's Jackson (also in the
 * jar) leaves a soft reference to its {@code BufferRecycler} the same way, freed only when memory
 * runs short. See docs/operations/upgrades.md and {@code RedeployMetaspaceITCase}.
 *
 * <p>The hook runs in the job manager when the job finishes, fails or is cancelled, and clears on
 * every thread the entries whose key or value (or the referent of a reference value) is an instance
 * of a class of either class loader: its own, which is the one of {@code main()}, and the one that
 * reads the job's blob ({@code job_<job id>/}). Nothing reads those entries any more. It does
 * nothing when the job's classes come from Flink's own class loader (a local or MiniCluster run),
 * where the entries are shared with everything else.
 */
public final class ReleaseThreadLocals implements JobStatusHook {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ReleaseThreadLocals.class);

    /**
     * Registers the hook on {@code graph} unless the cluster runs with high availability. A job
     * status hook travels inside the job graph, and a standby job manager that takes over reads the
     * stored graph with Flink's own class loader, where this class (in the job jar) does not exist:
     * it would fail with {@code ClassNotFoundException} and stop. So under high availability the
     * hook is left out, and redeploying to one long-lived session cluster keeps some metaspace per
     * submission (docs/operations/high-availability.md); an application cluster, one job per
     * cluster, is unaffected.
     */
    public static void registerUnlessHighlyAvailable(StreamGraph graph, ReadableConfig cluster) {
        if ("NONE".equalsIgnoreCase(cluster.get(HighAvailabilityOptions.HA_MODE))) {
            graph.registerJobStatusHook(new ReleaseThreadLocals());
        }
    }

    @Override
    public void onCreated(JobID jobId) {}

    @Override
    public void onFinished(JobID jobId) {
        release(jobId);
    }

    @Override
    public void onFailed(JobID jobId, Throwable cause) {
        release(jobId);
    }

    @Override
    public void onCanceled(JobID jobId) {
        release(jobId);
    }

    private void release(JobID jobId) {
        ClassLoader own = ReleaseThreadLocals.class.getClassLoader();
        if (!isUserCodeLoader(own)) {
            return;
        }
        String jobBlobs = "/job_" + jobId + "/";
        int cleared = clearEntriesOf(loader -> loader == own || hasUrlIn(loader, jobBlobs));
        LOG.info("job {} ended: cleared {} thread-local entries of its classes", jobId, cleared);
    }

    /** Whether {@code loader} is a class loader of the job's own, not Flink's or the JVM's. */
    static boolean isUserCodeLoader(ClassLoader loader) {
        return loader != null
                && loader != JobStatusHook.class.getClassLoader()
                && loader != ClassLoader.getSystemClassLoader();
    }

    /**
     * Whether {@code loader} loads from a path containing {@code part}: the job manager's class
     * loader of a job reads the job's jars from its blob store, under {@code job_<job id>/}.
     */
    private static boolean hasUrlIn(ClassLoader loader, String part) {
        return loader instanceof URLClassLoader urls
                && Arrays.stream(urls.getURLs()).anyMatch(u -> u.getPath().contains(part));
    }

    /**
     * Clears, on every live thread, the thread-local entries whose key or value is an instance of a
     * class {@code loader} defined; returns how many. Needs {@code --add-opens
     * java.base/java.lang=ALL-UNNAMED}, which Flink's scripts pass on Java 17; without it nothing
     * is cleared and a warning is logged.
     */
    static int clearEntriesOf(Predicate<ClassLoader> released) {
        try {
            Field threadLocals = Thread.class.getDeclaredField("threadLocals");
            Field inheritable = Thread.class.getDeclaredField("inheritableThreadLocals");
            Class<?> map = Class.forName("java.lang.ThreadLocal$ThreadLocalMap");
            Field table = map.getDeclaredField("table");
            Field value =
                    Class.forName("java.lang.ThreadLocal$ThreadLocalMap$Entry")
                            .getDeclaredField("value");
            threadLocals.setAccessible(true);
            inheritable.setAccessible(true);
            table.setAccessible(true);
            value.setAccessible(true);
            int cleared = 0;
            for (Thread thread : Thread.getAllStackTraces().keySet()) {
                for (Field locals : new Field[] {threadLocals, inheritable}) {
                    Object entries = locals.get(thread);
                    if (entries != null) {
                        cleared += clear((Object[]) table.get(entries), value, released);
                    }
                }
            }
            return cleared;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warn(
                    "cannot clear the thread locals of the job's classes (is java.lang opened"
                            + " to the unnamed module?): its classes may stay in metaspace",
                    e);
            return 0;
        }
    }

    private static int clear(Object[] entries, Field value, Predicate<ClassLoader> released)
            throws IllegalAccessException {
        int cleared = 0;
        for (Object entry : entries) {
            if (entry == null) {
                continue;
            }
            Object key = ((Reference<?>) entry).get();
            Object held = value.get(entry);
            if (held instanceof Reference<?> reference) {
                // A cache's soft or weak reference (Jackson's BufferRecycler, in Avro's parser):
                // the JVM clears it only when memory runs short.
                held = reference.get();
            }
            if (definedBy(key, released) || definedBy(held, released)) {
                // A cleared key makes the entry stale: the owning thread never finds it again and
                // drops it on its next expunge; the value goes now.
                ((Reference<?>) entry).clear();
                value.set(entry, null);
                cleared++;
            }
        }
        return cleared;
    }

    private static boolean definedBy(Object o, Predicate<ClassLoader> released) {
        return o != null && released.test(o.getClass().getClassLoader());
    }
}
