package io.omnistock.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class FlinkMiniClusterITCase {

    @RegisterExtension static final MiniClusterExtension FLINK = FlinkMiniCluster.extension();

    @Test
    void runsJobsAtParallelismTwoWithoutGenericTypes() throws Exception {
        StreamExecutionEnvironment env = FlinkMiniCluster.environment();

        assertThat(env.getParallelism()).isEqualTo(FlinkMiniCluster.PARALLELISM);
        assertThat(env.getConfig().getSerializerConfig().hasGenericTypesDisabled()).isTrue();
        assertThat(env.fromData(1, 2, 3).map(i -> i * 2).executeAndCollect(10))
                .containsExactlyInAnyOrder(2, 4, 6);
    }

    @Test
    void aTypeWithoutFlinkSerializerFailsInsteadOfFallingBackToKryo() {
        StreamExecutionEnvironment env = FlinkMiniCluster.environment();

        assertThatThrownBy(
                        () ->
                                TypeInformation.of(NotAPojo.class)
                                        .createSerializer(env.getConfig().getSerializerConfig()))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("Generic types have been disabled");
    }

    /** No default constructor: Flink would serialize it with Kryo. */
    static final class NotAPojo {
        final List<String> items;

        NotAPojo(List<String> items) {
            this.items = items;
        }
    }
}
