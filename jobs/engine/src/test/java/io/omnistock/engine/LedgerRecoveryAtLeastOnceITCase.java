package io.omnistock.engine;

import io.omnistock.connectors.KafkaOptions.DeliveryMode;
import java.time.Duration;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.junit.jupiter.api.Test;

/**
 * At-least-once delivery with versioned upserts through a task manager loss before the first
 * checkpoint: the job starts over from the earliest offsets and publishes every change again,
 * possibly in another interleaving, and a consumer keeping the highest version per key still ends
 * exactly at the reference ledger.
 */
class LedgerRecoveryAtLeastOnceITCase extends LedgerRecoveryScenario {
    private static final Duration NO_CHECKPOINT_BEFORE_THE_FAILURE = Duration.ofMinutes(30);

    @Test
    void theHighestVersionPerKeyIsExactAfterATaskManagerLoss(@InjectMiniCluster MiniCluster cluster)
            throws Exception {
        // returns once a consumer keeping the highest version per key holds the reference ledger
        runThroughFailure(cluster, DeliveryMode.AT_LEAST_ONCE, NO_CHECKPOINT_BEFORE_THE_FAILURE, 11)
                .close();
    }
}
