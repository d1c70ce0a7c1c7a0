package no.rusvarsel.alerts.dashboard;

import io.swagger.v3.oas.annotations.Operation;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.TreeMap;

/** {@code GET /api/v1/dashboard/pipeline}: ingest rates, consumer lag, detections per hour, delivery failures (operators). */
@Controller("/api/v1/dashboard")
@ExecuteOn(TaskExecutors.BLOCKING)
public class PipelineHealthController {

    private final UpstreamClient upstream;
    private final DashboardSettings settings;
    private final IngestRates rates;
    private final ConsumerLag lag;
    private final AlertPipelineStats stats;
    private final Clock clock;

    public PipelineHealthController(UpstreamClient upstream, DashboardSettings settings, IngestRates rates, ConsumerLag lag,
                                    AlertPipelineStats stats, Clock clock) {
        this.upstream = upstream;
        this.settings = settings;
        this.rates = rates;
        this.lag = lag;
        this.stats = stats;
        this.clock = clock;
    }

    @Operation(summary = "Pipeline health: ingest rates, consumer lag, detections per hour, delivery failures (OPERATOR, ADMIN)")
    @Get("/pipeline")
    @Secured({"OPERATOR", "ADMIN"})
    public PipelineHealth pipeline(HttpRequest<?> request) {
        var now = clock.instant();
        var errors = new TreeMap<String, String>();
        IngestRates.Rates ingest = null;
        try {
            var answer = upstream.get(settings.ingestUrl(), "/prometheus", request.getHeaders().get(HttpHeaders.AUTHORIZATION));
            if (answer.status() == 200) {
                ingest = rates.update(answer.body(), now);
            } else {
                errors.put("ingest", "ingest-service answered " + answer.status() + " for its metrics");
            }
        } catch (RuntimeException e) {
            errors.put("ingest", e.getMessage());
        }
        var lags = new LinkedHashMap<String, ConsumerLag.GroupLag>();
        for (var group : new String[]{settings.analyticsGroup(), settings.alertsGroup()}) {
            try {
                lags.put(group, lag.of(group));
            } catch (Exception e) {
                errors.put("lag:" + group, "cannot read consumer lag: " + e);
            }
        }
        var perHour = attempt(errors, "detections", () -> stats.detectionsPerHour(24));
        var deliveries = attempt(errors, "deliveries", stats::deliveries);
        return new PipelineHealth(now, ingest, lags, perHour, deliveries, errors);
    }

    private static <T> T attempt(java.util.Map<String, String> errors, String part, java.util.function.Supplier<T> read) {
        try {
            return read.get();
        } catch (RuntimeException e) {
            errors.put(part, e.getMessage());
            return null;
        }
    }
}
