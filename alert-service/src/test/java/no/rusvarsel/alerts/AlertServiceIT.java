package no.rusvarsel.alerts;

import io.micronaut.core.type.Argument;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import no.rusvarsel.infra.RealInfraProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AlertServiceIT implements RealInfraProperties {

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    DataSource dataSource;

    @Override
    public String databaseName() {
        return "alerts_it";
    }

    @Test
    void shouldAnswerHealthUpWithTheDatabaseChecked() {
        var health = http.toBlocking().retrieve(io.micronaut.http.HttpRequest.GET("/health"), Argument.mapOf(String.class, Object.class));

        assertThat(health).containsEntry("status", "UP");
        assertThat(health.get("details").toString()).contains("jdbc");
    }

    @Test
    void shouldServeItsOpenApiDocumentToSignedInUsersOnly() {
        var document = http.toBlocking().retrieve(io.micronaut.http.HttpRequest.GET("/swagger/openapi.yml")
                .bearerAuth(no.rusvarsel.infra.DevTokens.forTest("ANALYST")));

        assertThat(document).contains("Rusvarsel alerts API").contains("/api/v1/alerts/{alertId}/acknowledge")
                .contains("/api/v1/subscriptions");
        assertThatThrownBy(() -> http.toBlocking().retrieve(io.micronaut.http.HttpRequest.GET("/swagger/openapi.yml")))
                .satisfies(e -> assertThat(((io.micronaut.http.client.exceptions.HttpClientResponseException) e)
                        .getStatus().getCode()).isEqualTo(401));
    }

    @Test
    void shouldExposeTheConsumerLagOfAnalyticsAndAlertServiceToPrometheus() {
        var metrics = http.toBlocking().retrieve(io.micronaut.http.HttpRequest.GET("/prometheus")
                .bearerAuth(no.rusvarsel.infra.DevTokens.forTest("OPERATOR")));

        assertThat(metrics).contains("rusvarsel_consumer_lag_records{consumer=\"analytics\"}")
                .contains("rusvarsel_consumer_lag_records{consumer=\"alert-service\"}");
    }

    @Test
    void shouldRefuseToRecordTheSameDetectionTwice() throws Exception {
        try (var connection = dataSource.getConnection(); var statement = connection.createStatement()) {
            statement.executeUpdate("INSERT INTO processed_detection (detection_id) VALUES ('det-it-1')");

            assertThatThrownBy(() -> statement.executeUpdate("INSERT INTO processed_detection (detection_id) VALUES ('det-it-1')"))
                    .hasMessageContaining("duplicate key");
        }
    }
}
