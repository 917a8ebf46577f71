package io.omnistock.ledger;

import io.omnistock.connectors.KafkaOptions.DeliveryMode;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.junit.jupiter.api.Test;

/**
 * At-least-once delivery with versioned upserts through a task manager loss: changes after the last
 * checkpoint are published again, and a consumer keeping the highest version per key ends exactly
 * at the reference ledger.
 */
class LedgerRecoveryAtLeastOnceITCase extends LedgerRecoveryScenario {
    @Test
    void theHighestVersionPerKeyIsExactAfterATaskManagerLoss(@InjectMiniCluster MiniCluster cluster)
            throws Exception {
        runThroughFailure(cluster, DeliveryMode.AT_LEAST_ONCE, 11).close();
    }
}
