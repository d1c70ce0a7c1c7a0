package no.rusvarsel.devstack.hostile;

import no.rusvarsel.devstack.hostile.HostileRequest.Expect;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class HostileCorpusTest {

    @Test
    void shouldGenerateTheSameLargeCorpusForTheSameSeedCoveringEveryCategoryAndEndpoint() {
        var a = HostileCorpus.generate(7);
        var b = HostileCorpus.generate(7);

        assertThat(a).hasSizeGreaterThanOrEqualTo(2000).hasSameSizeAs(b);
        for (int i = 0; i < a.size(); i++) {
            assertThat(a.get(i).path()).isEqualTo(b.get(i).path());
            assertThat(Arrays.equals(a.get(i).body(), b.get(i).body())).as(a.get(i).describe()).isTrue();
        }
        assertThat(a.stream().map(HostileRequest::category).collect(Collectors.toSet())).contains("malformed-json", "malformed-ndjson",
                "malformed-csv", "wrong-types", "huge-numbers", "deep-nesting", "long-strings", "control-chars-invalid-utf8",
                "injection", "identity-numbers", "oversized", "wrong-content-type", "path-params", "query-params");
        for (var type : HostileRequest.SOURCE_TYPES) {
            assertThat(a).filteredOn(r -> r.path().equals("/api/v1/signals/" + type))
                    .extracting(HostileRequest::contentType).contains("application/json", "application/x-ndjson", "text/csv");
        }
        assertThat(a).extracting(HostileRequest::path).anyMatch(p -> p.startsWith("/api/v1/providers"))
                .anyMatch(p -> p.startsWith("/api/v1/watchlist/")).anyMatch(p -> p.startsWith("/api/v1/situation"))
                .anyMatch(p -> p.endsWith("/acknowledge")).anyMatch(p -> p.startsWith("/api/v1/subscriptions"))
                .anyMatch(p -> p.startsWith("/api/v1/alerts?"));
        assertThat(a).filteredOn(r -> r.expect() == Expect.ACCEPTED).allMatch(r -> r.records() > 0).hasSizeLessThan(40);
        assertThat(a).filteredOn(r -> r.expect() == Expect.TOO_LARGE)
                .allMatch(r -> r.body().length > HostileCorpus.MAX_REQUEST_SIZE);
    }

    @Test
    void shouldMakeValidIdentityNumbers() {
        var random = new Random(1);
        for (int i = 0; i < 100; i++) {
            assertThat(IdentityNumbers.valid(IdentityNumbers.fodselsnummer(random))).isTrue();
            var d = IdentityNumbers.dNumber(random);
            assertThat(IdentityNumbers.valid(d)).isTrue();
            assertThat(d.charAt(0)).isBetween('4', '7');
        }
    }
}
