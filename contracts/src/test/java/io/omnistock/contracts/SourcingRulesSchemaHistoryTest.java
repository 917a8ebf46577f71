package io.omnistock.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import io.omnistock.avro.OrderRequest;
import io.omnistock.avro.QuoteRequest;
import io.omnistock.avro.QuoteResponse;
import io.omnistock.avro.RoutingDecision;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

/**
 * Sourcing rules appended {@code orderValue} to OrderRequest and QuoteRequest, {@code ruleId} and
 * {@code ruleSetVersion} to RoutingDecision and {@code ruleSetVersion} to QuoteResponse: the
 * versions before are in the schema history, known by their fingerprint, and lack exactly those
 * fields.
 */
class SourcingRulesSchemaHistoryTest {

    @Test
    void theVersionsBeforeSourcingRulesAreKnownAndLackOnlyTheAppendedFields() {
        assertBefore(OrderRequest.class, Set.of("orderValue"));
        assertBefore(QuoteRequest.class, Set.of("orderValue"));
        assertBefore(RoutingDecision.class, Set.of("ruleId", "ruleSetVersion"));
        assertBefore(QuoteResponse.class, Set.of("ruleSetVersion"));
    }

    private static void assertBefore(Class<? extends SpecificRecord> type, Set<String> appended) {
        // the newest version without the fields, and the one after it (later fields may have
        // been appended since)
        List<Schema> versions = new ArrayList<>(WriterSchemas.history(type));
        versions.add(SpecificData.get().getSchema(type));
        String field = appended.iterator().next();
        int i = versions.size() - 2;
        while (i > 0 && versions.get(i).getField(field) != null) {
            i--;
        }
        Schema before = versions.get(i);
        Schema after = versions.get(i + 1);

        Set<String> added =
                after.getFields().stream()
                        .map(Schema.Field::name)
                        .filter(name -> before.getField(name) == null)
                        .collect(Collectors.toSet());
        assertThat(added).as(type.getSimpleName()).isEqualTo(appended);
        assertThat(WriterSchemas.known().find(WriterSchemas.parseHeader(header(before))))
                .isEqualTo(before);
    }

    private static String header(Schema schema) {
        return WriterSchemas.headerValue(schema);
    }
}
