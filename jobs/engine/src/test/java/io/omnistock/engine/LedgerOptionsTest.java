package io.omnistock.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;

class LedgerOptionsTest {

    @Test
    void theDiscrepancySettleDelayIsNoneByDefaultAndReachesTheLedgerRules() {
        assertThat(LedgerOptions.settings(new Configuration()).discrepancySettleDelayMillis())
                .isZero();

        Configuration conf = new Configuration();
        conf.setString(LedgerOptions.DISCREPANCY_SETTLE_DELAY.key(), "5 min");
        assertThat(LedgerOptions.settings(conf).discrepancySettleDelayMillis()).isEqualTo(300_000);
    }

    @Test
    void aNegativeSettleDelayIsRefused() {
        Configuration conf = new Configuration();
        conf.set(LedgerOptions.DISCREPANCY_SETTLE_DELAY, Duration.ofMinutes(-1));

        assertThatThrownBy(() -> LedgerOptions.settings(conf))
                .hasMessageContaining("must not be negative");
    }
}
