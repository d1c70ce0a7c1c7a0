package no.rusvarsel.support.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * An RFC 9457 problem document, the body of every error response ({@code application/problem+json}).
 *
 * @param errors every field error of a rejected request, with record index and field path
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, @Nullable String detail, @Nullable String instance,
                      @Nullable List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_BASE = "https://rusvarsel.no/problems/";

    /** A problem whose type URI is {@code https://rusvarsel.no/problems/<slug>}. */
    public static Problem of(String slug, String title, int status, @Nullable String detail, @Nullable String instance,
                             @Nullable List<FieldError> errors) {
        return new Problem(slug == null ? "about:blank" : TYPE_BASE + slug, title, status, detail, instance, errors);
    }
}
