package no.rusvarsel.alerts.delivery.message;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

/**
 * Where links in messages point (env RUSVARSEL_PUBLIC_URL: base of the API; RUSVARSEL_DASHBOARD_URL: the alert's
 * dashboard page is this followed by the alert id — the same meaning the CAP documents give it).
 */
@Singleton
public class LinkSettings {

    private final String apiBase;
    private final String dashboardPrefix;

    public LinkSettings(@Value("${rusvarsel.delivery.public-url:`http://localhost:8083`}") String apiBase,
                        @Value("${rusvarsel.delivery.dashboard-url:`http://localhost:8083/#/alerts/`}") String dashboardPrefix) {
        this.apiBase = apiBase.endsWith("/") ? apiBase.substring(0, apiBase.length() - 1) : apiBase;
        this.dashboardPrefix = dashboardPrefix;
    }

    public AlertData.Links forAlert(String alertId) {
        var api = apiBase + "/api/v1/alerts/" + alertId;
        return new AlertData.Links(api, api + "/cap", dashboardPrefix + alertId);
    }
}
