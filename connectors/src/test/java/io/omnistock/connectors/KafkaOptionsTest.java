package io.omnistock.connectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.omnistock.connectors.KafkaOptions.DeliveryMode;
import io.omnistock.connectors.KafkaOptions.StartingOffsets;
import java.time.Duration;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.junit.jupiter.api.Test;

class KafkaOptionsTest {

    @Test
    void defaults() {
        Configuration conf = new Configuration();

        assertThat(conf.get(KafkaOptions.BOOTSTRAP_SERVERS)).isEqualTo("localhost:9092");
        assertThat(conf.get(KafkaOptions.GROUP_ID)).isEqualTo("omnistock-ledger");
        assertThat(conf.get(KafkaOptions.STARTING_OFFSETS)).isEqualTo(StartingOffsets.COMMITTED);
        assertThat(conf.get(KafkaOptions.DELIVERY_MODE)).isEqualTo(DeliveryMode.EXACTLY_ONCE);
        assertThat(conf.get(KafkaOptions.TRANSACTIONAL_ID_PREFIX)).isEqualTo("omnistock");
        assertThat(conf.get(KafkaOptions.TRANSACTION_TIMEOUT))
                .isEqualTo(Duration.ofMinutes(10))
                .isLessThan(Duration.ofMinutes(15));
    }

    @Test
    void readsOptionsWrittenAsTextInAnyCase() {
        Configuration conf =
                Configuration.fromMap(
                        Map.of(
                                "delivery.mode", "at_least_once",
                                "kafka.starting-offsets", "LATEST",
                                "kafka.transaction-timeout", "5 min"));

        assertThat(conf.get(KafkaOptions.DELIVERY_MODE)).isEqualTo(DeliveryMode.AT_LEAST_ONCE);
        assertThat(conf.get(KafkaOptions.STARTING_OFFSETS)).isEqualTo(StartingOffsets.LATEST);
        assertThat(conf.get(KafkaOptions.TRANSACTION_TIMEOUT)).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void clientPropertiesAreTheKafkaClientKeysWithoutPrefix() {
        Configuration conf =
                Configuration.fromMap(
                        Map.of(
                                "kafka.client.security.protocol", "SASL_SSL",
                                "kafka.client.sasl.mechanism", "PLAIN",
                                "kafka.client.", "ignored: no key",
                                "kafka.bootstrap-servers", "broker:9092",
                                "parallelism.default", "2"));

        assertThat(KafkaOptions.clientProperties(conf))
                .containsOnly(
                        entry("security.protocol", "SASL_SSL"), entry("sasl.mechanism", "PLAIN"));
    }

    @Test
    void deliveryModesMapToFlinkGuarantees() {
        assertThat(DeliveryMode.EXACTLY_ONCE.guarantee()).isEqualTo(DeliveryGuarantee.EXACTLY_ONCE);
        assertThat(DeliveryMode.AT_LEAST_ONCE.guarantee())
                .isEqualTo(DeliveryGuarantee.AT_LEAST_ONCE);
    }

    @Test
    void committedOffsetsFallBackToEarliest() {
        assertThat(StartingOffsets.COMMITTED.initializer().getAutoOffsetResetStrategy())
                .isEqualTo(OffsetResetStrategy.EARLIEST);
        assertThat(StartingOffsets.EARLIEST.initializer().getAutoOffsetResetStrategy())
                .isEqualTo(OffsetResetStrategy.EARLIEST);
        assertThat(StartingOffsets.LATEST.initializer().getAutoOffsetResetStrategy())
                .isEqualTo(OffsetResetStrategy.LATEST);
    }
}
