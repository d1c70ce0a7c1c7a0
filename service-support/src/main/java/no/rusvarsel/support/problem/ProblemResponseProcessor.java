package no.rusvarsel.support.problem;

import io.micronaut.context.annotation.Primary;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;

import java.util.stream.Collectors;

/**
 * Every error the framework itself answers (404, 405, 413, 415, 401, 403, unreadable bodies…) as a
 * problem document, so that a client always gets {@code application/problem+json}.
 */
@Singleton
@Primary
public class ProblemResponseProcessor implements ErrorResponseProcessor<Problem> {

    @Override
    @SuppressWarnings("unchecked")
    public MutableHttpResponse<Problem> processResponse(ErrorContext context, MutableHttpResponse<?> response) {
        if (context.getRequest().getMethod() == HttpMethod.HEAD) {
            return (MutableHttpResponse<Problem>) response;
        }
        var status = response.getStatus();
        // a server error's message can carry internals (even payload fragments): it is logged, never answered
        var detail = status.getCode() >= 500 ? null
                : context.getErrors().stream().map(Error::getMessage).collect(Collectors.joining("; "));
        var problem = Problem.of(null, status.getReason(), status.getCode(), detail == null || detail.isBlank() ? null : detail,
                context.getRequest().getPath(), null);
        return ((MutableHttpResponse<Problem>) response).body(problem).contentType(Problem.MEDIA_TYPE);
    }
}
