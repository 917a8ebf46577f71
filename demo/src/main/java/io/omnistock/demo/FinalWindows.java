package io.omnistock.demo;

import io.omnistock.contracts.TopicSpec;
import io.omnistock.contracts.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.kafka.common.TopicPartition;

/**
 * The end of a timed run, so the report is final rather than provisional: the engine job stops with
 * a savepoint (its last transaction commits instead of being aborted); once the analytics job has
 * read every record of its input topics, it stops with a savepoint at the end of event time, which
 * fires every metric window as final; then the watcher reads the windows to the end of the metric
 * topics. The metric windows' watermark runs hours of simulated time behind the decisions (see the
 * demo's analytics options), so without this the last windows are unpublished at the end.
 */
final class FinalWindows {
    private static final Duration STEP_LIMIT = Duration.ofSeconds(60);
    private static final Duration POLL = Duration.ofMillis(500);

    private FinalWindows() {}

    /**
     * Stops both jobs as above; returns null when every window is final and read, else what did not
     * happen (the jobs are then left for the caller to cancel).
     */
    static String close(
            JobClient engine,
            JobClient analytics,
            ConsumerLag analyticsLag,
            OutputWatcher watcher,
            Path savepoints)
            throws Exception {
        String dir = savepoints.toUri().toString();
        engine.stopWithSavepoint(false, dir, SavepointFormatType.CANONICAL)
                .get(STEP_LIMIT.toSeconds(), TimeUnit.SECONDS);
        if (!await(analyticsLag::readEverything)) {
            return "the analytics job did not catch up with its input topics within "
                    + STEP_LIMIT.toSeconds()
                    + " s";
        }
        analytics
                .stopWithSavepoint(true, dir, SavepointFormatType.CANONICAL)
                .get(STEP_LIMIT.toSeconds(), TimeUnit.SECONDS);
        List<String> metrics = Topics.ANALYTICS_OUTPUTS.stream().map(TopicSpec::name).toList();
        Map<TopicPartition, Long> ends = analyticsLag.endOffsets(metrics);
        if (!await(() -> watcher.hasRead(ends))) {
            return "the final windows were not read within " + STEP_LIMIT.toSeconds() + " s";
        }
        return null;
    }

    private interface Condition {
        boolean met() throws Exception;
    }

    private static boolean await(Condition condition) throws Exception {
        long until = System.nanoTime() + STEP_LIMIT.toNanos();
        while (!condition.met()) {
            if (System.nanoTime() > until) {
                return false;
            }
            Thread.sleep(POLL.toMillis());
        }
        return true;
    }
}
