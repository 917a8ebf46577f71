package io.omnistock.demo.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.omnistock.connectors.KafkaOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportMainTest {
    @TempDir Path dir;

    @Test
    void theReportLogsInWithTheSecurityOptionsOfAPropertiesFile() throws Exception {
        Path password = Files.writeString(dir.resolve("password"), "report-secret\n");
        Path config =
                Files.writeString(
                        dir.resolve("engine.properties"),
                        String.join(
                                "\n",
                                "kafka.security.protocol=SASL_SSL",
                                "kafka.sasl.mechanism=SCRAM-SHA-512",
                                "kafka.sasl.username=analyst",
                                "kafka.sasl.password-file=" + password,
                                "kafka.client.client.dns.lookup=use_all_dns_ips"));

        ReportMain.Options options =
                ReportMain.Options.parse(
                        new String[] {"--bootstrap", "kafka:9093", "--config", config.toString()});
        Properties props = KafkaOptions.clientProperties(options.kafka());

        assertThat(props)
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("client.dns.lookup", "use_all_dns_ips");
        assertThat(props.getProperty("sasl.jaas.config"))
                .contains("ScramLoginModule")
                .contains("username=\"analyst\"")
                .contains("password=\"report-secret\"");
    }

    @Test
    void withoutAConfigTheReportConnectsInPlaintext() throws Exception {
        ReportMain.Options options =
                ReportMain.Options.parse(new String[] {"--bootstrap", "localhost:9092"});

        assertThat(KafkaOptions.clientProperties(options.kafka())).isEmpty();
    }
}
