package io.omnistock.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.omnistock.domain.returns.ReturnTriage;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;

class ReturnsOptionsTest {
    @Test
    void theShippedPropertiesCarryTheDefaultRules() throws Exception {
        Configuration conf =
                EngineJob.configuration(
                        new String[] {"--config", "../../flink-conf/engine.properties"});

        assertThat(ReturnTriage.parse(conf.get(ReturnsOptions.TRIAGE_RULES)).rules())
                .isEqualTo(ReturnTriage.defaults().rules());
        assertThat(ReturnsOptions.returns(conf)).isNotNull();
    }

    @Test
    void rulesThatDoNotParseStopTheJobNamingTheRule() {
        Configuration conf = new Configuration();
        conf.set(ReturnsOptions.TRIAGE_RULES, "keep: grade=A -> KEEP; rest: * -> RECYCLE");

        assertThatThrownBy(() -> ReturnsOptions.returns(conf))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rule keep: disposition must be");
    }
}
