package no.rusvarsel.ingest;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import no.rusvarsel.infra.RealInfraProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** With RUSVARSEL_METRICS_ANONYMOUS=true (compose's private network) Prometheus scrapes without a token; nothing else opens. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MetricsAccessIT implements RealInfraProperties {

    @Inject
    @Client("/")
    HttpClient http;

    @Override
    public String databaseName() {
        return "ingest_metrics_it";
    }

    @Override
    public Map<String, String> getProperties() {
        var props = new HashMap<>(RealInfraProperties.super.getProperties());
        props.put("rusvarsel.metrics.anonymous", "true");
        return props;
    }

    @Test
    void shouldServeMetricsWithoutATokenWhenAnonymousScrapingIsOn() {
        var body = http.toBlocking().retrieve(HttpRequest.GET("/prometheus"));

        assertThat(body).contains("# TYPE jvm_memory_used_bytes gauge");
    }

    @Test
    void shouldStillRequireATokenEverywhereElse() {
        assertThatThrownBy(() -> http.toBlocking().retrieve(HttpRequest.GET("/api/v1/providers")))
                .isInstanceOfSatisfying(HttpClientResponseException.class, e -> assertThat(e.getStatus().getCode()).isEqualTo(401));
        assertThatThrownBy(() -> http.toBlocking().retrieve(HttpRequest.GET("/swagger/openapi.yml")))
                .isInstanceOfSatisfying(HttpClientResponseException.class, e -> assertThat(e.getStatus().getCode()).isEqualTo(401));
    }
}
