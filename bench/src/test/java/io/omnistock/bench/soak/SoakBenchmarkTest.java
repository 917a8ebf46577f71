package io.omnistock.bench.soak;

import static org.assertj.core.api.Assertions.assertThat;

import io.omnistock.bench.Figure;
import java.util.List;
import org.junit.jupiter.api.Test;

class SoakBenchmarkTest {
    private static final String REPORT =
            """
            soak: 15336 records ...

            | figure | value |
            |---|---:|
            | records published (node records, inventory, orders, quotes) | 15336 |
            | streamed for | 110 s |
            | task managers killed | 1 |
            | broker restarts | 0 |
            | job manager failovers | 1 |
            | changes lost / duplicated / out of order | 0 / 2 / 0 |
            | units oversold | 0 |

            | at | checkpoint | state size | checkpointed | duration | failed so far |
            |---:|---:|---:|---:|---:|---:|
            | 15 s | 5 | 735.5 KiB | 666.3 KiB | 813 ms | 7 |
            | 118 s | 15 | 1.5 MiB | 173.0 KiB | 115 ms | 15 |
            """;

    @Test
    void readsTheFiguresOfTheSoaksReport() throws Exception {
        List<Figure> figures = SoakBenchmark.figures(REPORT);

        assertThat(figures)
                .extracting(Figure::name, Figure::value)
                .contains(
                        org.assertj.core.groups.Tuple.tuple("records published", 15336.0),
                        org.assertj.core.groups.Tuple.tuple("streamed for", 110.0),
                        org.assertj.core.groups.Tuple.tuple("task managers killed", 1.0),
                        org.assertj.core.groups.Tuple.tuple("job manager failovers", 1.0),
                        org.assertj.core.groups.Tuple.tuple("availability changes duplicated", 2.0),
                        org.assertj.core.groups.Tuple.tuple("state size at start", 735.5),
                        org.assertj.core.groups.Tuple.tuple("state size at end", 1.5 * 1024));
    }
}
