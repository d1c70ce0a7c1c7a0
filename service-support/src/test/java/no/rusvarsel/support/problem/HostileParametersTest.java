package no.rusvarsel.support.problem;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Found by the hostile-input corpus (issue 9): NUL in ids gave 500s, unconvertible paging values were ignored. */
class HostileParametersTest {

    @Test
    void shouldSpotANulInThePathOrQuery() {
        assertThat(NulCharacterFilter.holdsNul("/api/v1/alerts/%00", Map.of())).isTrue();
        assertThat(NulCharacterFilter.holdsNul("/api/v1/alerts/abc%00def/cap", Map.of())).isTrue();
        assertThat(NulCharacterFilter.holdsNul("/api/v1/providers/a%00/keys", Map.of())).isTrue();
        assertThat(NulCharacterFilter.holdsNul("/api/v1/alerts", Map.of("since", List.of("2025\0")))).isTrue();
        assertThat(NulCharacterFilter.holdsNul("/api/v1/alerts", Map.of("a\0", List.of("1")))).isTrue();

        assertThat(NulCharacterFilter.holdsNul("/api/v1/alerts/3f2a-%2500", Map.of("region", List.of("46")))).isFalse();
        assertThat(NulCharacterFilter.holdsNul("/api/v1/alerts/00000000-0000-0000-0000-000000000000", Map.of())).isFalse();
        assertThat(NulCharacterFilter.holdsNul(null, Map.of())).isFalse();
    }

    @Test
    void shouldReportAPagingValueThatIsNotAWholeNumber() {
        var errors = new ArrayList<FieldError>();

        assertThat(QueryNumbers.wholeNumber(null, "page", errors)).isNull();
        assertThat(QueryNumbers.wholeNumber(" ", "page", errors)).isNull();
        assertThat(QueryNumbers.wholeNumber(" 7 ", "page", errors)).isEqualTo(7);
        assertThat(QueryNumbers.wholeNumber("-1", "page", errors)).isEqualTo(-1);
        assertThat(errors).isEmpty();

        for (var bad : List.of("abc", "1.5", "1e3", "99999999999999999999")) {
            assertThat(QueryNumbers.wholeNumber(bad, "size", errors)).isNull();
        }
        assertThat(errors).hasSize(4).allMatch(e -> e.field().equals("size") && e.message().equals("must be a whole number"));
    }
}
