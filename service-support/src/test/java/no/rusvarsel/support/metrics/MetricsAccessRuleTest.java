package no.rusvarsel.support.metrics;

import io.micronaut.http.HttpRequest;
import io.micronaut.security.rules.ConfigurationInterceptUrlMapRule;
import io.micronaut.security.rules.SecurityRuleResult;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;

class MetricsAccessRuleTest {

    private static SecurityRuleResult check(boolean anonymous, String path) {
        return Mono.from(new MetricsAccessRule(anonymous).check(HttpRequest.GET(path), null)).block();
    }

    @Test
    void shouldAllowAnonymousScrapesOnlyWhenConfigured() {
        assertThat(check(true, "/prometheus")).isEqualTo(SecurityRuleResult.ALLOWED);
        assertThat(check(false, "/prometheus")).isEqualTo(SecurityRuleResult.UNKNOWN);
    }

    @Test
    void shouldLeaveEveryOtherPathToTheOtherRules() {
        assertThat(check(true, "/api/v1/alerts")).isEqualTo(SecurityRuleResult.UNKNOWN);
        assertThat(check(true, "/prometheus/../api/v1/alerts")).isEqualTo(SecurityRuleResult.UNKNOWN);
        assertThat(check(true, "/prometheusx")).isEqualTo(SecurityRuleResult.UNKNOWN);
    }

    @Test
    void shouldDecideBeforeTheInterceptUrlMap() {
        assertThat(new MetricsAccessRule(true).getOrder()).isLessThan(ConfigurationInterceptUrlMapRule.ORDER);
    }
}
