package no.rusvarsel.alerts.dashboard;

import io.swagger.v3.oas.annotations.Operation;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import no.rusvarsel.support.problem.ApiException;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * The dashboard's single-origin view of other services' read APIs: the situation picture (analytics) and provider
 * freshness (ingest), forwarded with the caller's own token so each service still decides what the caller may see.
 */
@Controller("/api/v1/dashboard")
@ExecuteOn(TaskExecutors.BLOCKING)
public class UpstreamProxyController {

    private static final Pattern DIGITS = Pattern.compile("\\d{1,4}");

    private final UpstreamClient upstream;
    private final DashboardSettings settings;

    public UpstreamProxyController(UpstreamClient upstream, DashboardSettings settings) {
        this.upstream = upstream;
        this.settings = settings;
    }

    @Operation(summary = "The analytics situation picture, read with the caller's token")
    @Get("/situation")
    @Secured({"ANALYST", "OPERATOR", "ADMIN"})
    public HttpResponse<String> situation(@Nullable @QueryValue String days, @Nullable @QueryValue String region,
                                          HttpRequest<?> request) {
        var query = new StringBuilder("/api/v1/situation?days=").append(param(days, "7"));
        if (region != null && !region.isBlank()) {
            query.append("&region=").append(param(region, ""));
        }
        return forward(settings.analyticsUrl(), query.toString(), request);
    }

    @Operation(summary = "Data freshness per provider from ingest, read with the caller's token (OPERATOR, ADMIN)")
    @Get("/providers")
    @Secured({"OPERATOR", "ADMIN"})
    public HttpResponse<String> providers(HttpRequest<?> request) {
        return forward(settings.ingestUrl(), "/api/v1/providers/freshness", request);
    }

    private HttpResponse<String> forward(String base, String path, HttpRequest<?> request) {
        try {
            var answer = upstream.get(base, path, request.getHeaders().get(HttpHeaders.AUTHORIZATION));
            return HttpResponse.<String>status(HttpStatus.valueOf(answer.status())).body(answer.body())
                    .contentType(answer.contentType());
        } catch (UpstreamClient.UpstreamUnavailable e) {
            throw new ApiException(HttpStatus.BAD_GATEWAY, "upstream-unavailable", "Service unavailable",
                    e.getMessage(), null, null);
        }
    }

    /** A short numeric parameter as given (the upstream validates it), else URL-encoded so it cannot add parameters. */
    private static String param(String value, String fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        var v = value.strip();
        return DIGITS.matcher(v).matches() ? v : URLEncoder.encode(v, StandardCharsets.UTF_8);
    }
}
