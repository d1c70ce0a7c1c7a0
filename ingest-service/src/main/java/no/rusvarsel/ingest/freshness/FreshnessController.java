package no.rusvarsel.ingest.freshness;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import no.rusvarsel.support.problem.ApiException;
import no.rusvarsel.support.problem.FieldError;
import no.rusvarsel.support.problem.Problem;

import java.time.Clock;
import java.util.List;

/** Data freshness per provider for operators, and the per-provider expected interval for administrators. */
@Tag(name = "Provider freshness")
@Controller("/api/v1/providers")
@ExecuteOn(TaskExecutors.BLOCKING)
public class FreshnessController {

    private final ProviderActivityQuery activity;
    private final FreshnessPolicy policy;
    private final Clock clock;

    public FreshnessController(ProviderActivityQuery activity, FreshnessPolicy policy, Clock clock) {
        this.activity = activity;
        this.policy = policy;
        this.clock = clock;
    }

    /** A provider's expected interval in minutes; null returns it to the configured default. */
    @Serdeable
    public record ExpectedInterval(@Nullable Integer expectedIntervalMinutes) {
    }

    @Operation(summary = "Every provider's last accepted signal, expected interval and whether it is silent")
    @ApiResponse(responseCode = "200", description = "Freshness per provider")
    @ApiResponse(responseCode = "403", description = "Not an OPERATOR or ADMIN", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @Get("/freshness")
    @Secured({"OPERATOR", "ADMIN"})
    public List<ProviderFreshness> freshness() {
        var now = clock.instant();
        return activity.all().stream().map(a -> policy.assess(a, now)).toList();
    }

    @Operation(summary = "Set how often a provider is expected to send (minutes); null uses the configured default")
    @ApiResponse(responseCode = "200", description = "The provider's freshness with the new interval")
    @ApiResponse(responseCode = "400", description = "Invalid interval", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @ApiResponse(responseCode = "403", description = "Not an ADMIN", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @ApiResponse(responseCode = "404", description = "No such provider", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @Put("/{id}/expected-interval")
    @Secured("ADMIN")
    public HttpResponse<ProviderFreshness> setExpectedInterval(String id, @Body ExpectedInterval body) {
        var minutes = body.expectedIntervalMinutes();
        if (minutes != null && minutes < 1) {
            throw ApiException.invalid("the expected interval is invalid",
                    List.of(new FieldError(0, "expectedIntervalMinutes", "must be ≥ 1")));
        }
        if (!activity.setExpectedInterval(id, minutes)) {
            throw ApiException.notFound("no provider " + id);
        }
        var now = clock.instant();
        return HttpResponse.ok(activity.all().stream().filter(a -> a.providerId().equals(id)).findFirst()
                .map(a -> policy.assess(a, now)).orElseThrow());
    }
}
