package no.rusvarsel.support.problem;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Refuses a request whose path or query holds a NUL character ({@code %00}) with a 400 problem, before it reaches a
 * controller: PostgreSQL cannot store or even compare text with NUL, so such an id used to end as a 500.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class NulCharacterFilter {

    @RequestFilter
    @Nullable
    public HttpResponse<Problem> refuse(HttpRequest<?> request) {
        if (!holdsNul(request.getUri().getRawPath(), request.getParameters().asMap())) {
            return null;
        }
        return HttpResponse.<Problem>badRequest(Problem.of("nul-character", "Bad request", 400,
                        "the path or query contains a NUL character", request.getPath(), null))
                .contentType(Problem.MEDIA_TYPE);
    }

    /** Whether the raw (still percent-encoded) path or any decoded query name or value holds a NUL. */
    static boolean holdsNul(@Nullable String rawPath, Map<String, List<String>> parameters) {
        if (rawPath != null && (rawPath.indexOf('\0') >= 0 || rawPath.toLowerCase(Locale.ROOT).contains("%00"))) {
            return true;
        }
        for (var e : parameters.entrySet()) {
            if (e.getKey().indexOf('\0') >= 0 || e.getValue().stream().anyMatch(v -> v != null && v.indexOf('\0') >= 0)) {
                return true;
            }
        }
        return false;
    }
}
