package io.omnistock.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.omnistock.domain.quotes.QuoteSettings;
import java.time.Duration;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;

class QuoteOptionsTest {

    @Test
    void theShippedPropertiesAreTheDefaults() throws Exception {
        Configuration shipped =
                EngineJob.configuration(
                        new String[] {"--config", "../../flink-conf/engine.properties"});

        assertThat(QuoteOptions.settings(shipped)).isEqualTo(QuoteSettings.defaults());
        assertThat(shipped.get(QuoteOptions.TIMEOUT)).isEqualTo(Duration.ofSeconds(10));
        assertThat(shipped.toMap()).containsKeys("quotes.standard-promise", "quotes.timeout");
    }

    @Test
    void optionsSetThePromisesAndThePickupSearch() {
        Configuration conf = new Configuration();
        conf.set(QuoteOptions.EXPRESS_PROMISE, Duration.ofHours(12));
        conf.set(QuoteOptions.PICKUP_RADIUS_KM, 10.0);
        conf.set(QuoteOptions.MAX_PICKUP_STORES, 1);

        QuoteSettings settings = QuoteOptions.settings(conf);

        assertThat(settings.expressPromiseMillis()).isEqualTo(Duration.ofHours(12).toMillis());
        assertThat(settings.standardPromiseMillis()).isEqualTo(Duration.ofHours(72).toMillis());
        assertThat(settings.pickupRadiusKm()).isEqualTo(10.0);
        assertThat(settings.maxPickupStores()).isEqualTo(1);
    }
}
