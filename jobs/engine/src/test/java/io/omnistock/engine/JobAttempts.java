package io.omnistock.engine;

import org.apache.flink.api.common.JobID;
import org.apache.flink.runtime.executiongraph.AccessExecutionVertex;
import org.apache.flink.runtime.minicluster.MiniCluster;

/** How often a job's tasks were (re)started on the MiniCluster: 0 while no task ever failed. */
final class JobAttempts {

    /** The highest attempt number over the job's subtasks (0 = the first run, never restarted). */
    static int highestAttempt(MiniCluster cluster, JobID job) throws Exception {
        int highest = 0;
        for (AccessExecutionVertex vertex :
                cluster.getExecutionGraph(job).get().getAllExecutionVertices()) {
            highest = Math.max(highest, vertex.getCurrentExecutionAttempt().getAttemptNumber());
        }
        return highest;
    }

    private JobAttempts() {}
}
