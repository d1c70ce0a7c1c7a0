package no.rusvarsel.support.metrics;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.ConfigurationInterceptUrlMapRule;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.security.rules.SecurityRuleResult;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/**
 * Lets Prometheus scrape {@code /prometheus} without a token when {@code RUSVARSEL_METRICS_ANONYMOUS=true} (a private
 * network whose edge never routes that path); otherwise decides nothing, and the path needs a signed-in caller.
 */
@Singleton
public class MetricsAccessRule implements SecurityRule<HttpRequest<?>> {

    static final String PATH = "/prometheus";
    public static final int ORDER = ConfigurationInterceptUrlMapRule.ORDER - 100;

    private final boolean anonymous;

    public MetricsAccessRule(@Value("${rusvarsel.metrics.anonymous:false}") boolean anonymous) {
        this.anonymous = anonymous;
    }

    @Override
    public Publisher<SecurityRuleResult> check(@Nullable HttpRequest<?> request, @Nullable Authentication authentication) {
        boolean metrics = request != null && PATH.equals(request.getPath());
        return Mono.just(anonymous && metrics ? SecurityRuleResult.ALLOWED : SecurityRuleResult.UNKNOWN);
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
