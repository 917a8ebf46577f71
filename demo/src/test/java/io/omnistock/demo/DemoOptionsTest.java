package io.omnistock.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.omnistock.connectors.KafkaOptions.DeliveryMode;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DemoOptionsTest {

    @Test
    void noArgumentsGiveTheDefaults() throws Exception {
        DemoOptions o = DemoOptions.parse(new String[0]);

        assertThat(o.duration()).isNull();
        assertThat(o.eventsPerSecond()).isEqualTo(DemoOptions.DEFAULT_EVENTS_PER_SECOND);
        assertThat(o.deliveryMode()).isEqualTo(DeliveryMode.EXACTLY_ONCE);
        assertThat(o.stores()).isEqualTo(50);
        assertThat(o.help()).isFalse();
        assertThat(o.verbose()).isFalse();
    }

    @Test
    void verboseTakesNoValue() throws Exception {
        DemoOptions o = DemoOptions.parse(new String[] {"--verbose", "--stores", "5"});

        assertThat(o.verbose()).isTrue();
        assertThat(o.stores()).isEqualTo(5);
    }

    @Test
    void givenValuesAreRead() throws Exception {
        DemoOptions o =
                DemoOptions.parse(
                        new String[] {
                            "--duration",
                            "90s",
                            "--rate",
                            "0",
                            "--delivery-mode",
                            "at-least-once",
                            "--stores",
                            "5",
                            "--port",
                            "0",
                            "--help"
                        });

        assertThat(o.duration()).isEqualTo(Duration.ofSeconds(90));
        assertThat(o.eventsPerSecond()).isZero();
        assertThat(o.deliveryMode()).isEqualTo(DeliveryMode.AT_LEAST_ONCE);
        assertThat(o.stores()).isEqualTo(5);
        assertThat(o.port()).isZero();
        assertThat(o.help()).isTrue();
    }

    @Test
    void everyBadArgumentIsOneLineNamingTheOption() {
        assertRejected("unknown option --bogus", "--bogus", "1");
        assertRejected("unknown option stray", "stray");
        assertRejected("--duration needs a value", "--duration");
        assertRejected(
                "--duration: 'banana' is not a duration (e.g. 90s, 5m, 1h)",
                "--duration",
                "banana");
        assertRejected(
                "--duration: '-3s' is not a duration (e.g. 90s, 5m, 1h)", "--duration", "-3s");
        assertRejected("--duration: 0s is not positive", "--duration", "0s");
        assertRejected("--rate: -5 is not in 0 to 10000000", "--rate", "-5");
        assertRejected("--stores: 0 is not in 1 to 10000", "--stores", "0");
        assertRejected("--stores: 'many' is not a whole number", "--stores", "many");
        assertRejected("--port: 70000 is not in 0 to 65535", "--port", "70000");
        assertRejected(
                "--delivery-mode: 'FOO' is not one of [EXACTLY_ONCE, AT_LEAST_ONCE]",
                "--delivery-mode",
                "FOO");
        assertRejected("--orders: 'x' is not a number", "--orders", "x");
    }

    private static void assertRejected(String message, String... args) {
        assertThatThrownBy(() -> DemoOptions.parse(args))
                .isInstanceOf(DemoOptions.UsageException.class)
                .hasMessage(message);
    }
}
