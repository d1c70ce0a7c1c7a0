package no.rusvarsel.ingest.benchmark;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Hidden;
import no.rusvarsel.ingest.provider.ProviderPrincipal;

import java.util.List;

/**
 * The benchmark's "bare endpoint" (bench/runner, single-record POST figure): what a request to the providers' intake
 * costs before the intake does any work. Same service, same HTTP server and thread model ({@code BLOCKING} executor),
 * same provider API-key authentication and role as {@code POST /api/v1/signals/{sourceType}}, the same media types and
 * body read as bytes; then nothing: no parsing, validation, rate limit, ledger or Kafka, and a fixed 202 body.
 * <p>
 * It exists only when {@code rusvarsel.bench.enabled} is {@code true} ({@code RUSVARSEL_BENCH_ENABLED}, which only the
 * benchmark runner sets): otherwise the route is absent (404), as {@code docs/authorization-matrix.md} records. Not part
 * of the public API, so not in the OpenAPI document; the edge ({@code ops/caddy}) does not route {@code /bench/*} here.
 */
@Hidden
@Controller("/bench/signals")
@Requires(property = BareIntakeController.ENABLED, value = "true")
@Secured(ProviderPrincipal.ROLE)
@ExecuteOn(TaskExecutors.BLOCKING)
public class BareIntakeController {

    public static final String ENABLED = "rusvarsel.bench.enabled";

    /** The 202 body: the intake's shape, nothing counted (nothing was looked at). */
    @Serdeable
    public record Nothing(int accepted, int duplicates, int corrected, List<Object> results) {
    }

    private static final Nothing NOTHING = new Nothing(0, 0, 0, List.of());

    @Post(uri = "/{sourceType}", consumes = {MediaType.APPLICATION_JSON, "application/x-ndjson", "text/csv"},
            produces = MediaType.APPLICATION_JSON)
    public HttpResponse<Nothing> submit(@PathVariable String sourceType, @Body byte[] body) {
        return HttpResponse.accepted().body(NOTHING);
    }
}
