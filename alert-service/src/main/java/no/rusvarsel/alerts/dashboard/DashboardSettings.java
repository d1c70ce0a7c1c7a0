package no.rusvarsel.alerts.dashboard;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

/** Where the dashboard finds the other services and which Kafka consumer groups it reports lag for. */
@Singleton
public record DashboardSettings(
        @Value("${rusvarsel.dashboard.analytics-url:`http://127.0.0.1:8082`}") String analyticsUrl,
        @Value("${rusvarsel.dashboard.ingest-url:`http://127.0.0.1:8081`}") String ingestUrl,
        @Value("${rusvarsel.dashboard.analytics-group:rusvarsel-analytics}") String analyticsGroup,
        @Value("${rusvarsel.alerts.group-id:alert-service}") String alertsGroup) {
}
