package no.rusvarsel.support.json;

import io.micronaut.core.order.Ordered;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.ServerHttpRequest;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.body.ByteBody;
import io.micronaut.http.filter.FilterContinuation;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.web.router.RouteAttributes;
import io.micronaut.web.router.RouteInfo;
import no.rusvarsel.support.problem.ApiException;
import no.rusvarsel.support.problem.ApiExceptionHandler;
import no.rusvarsel.support.problem.FieldError;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

import java.util.List;

/**
 * Refuses, with a 400 problem naming each field, a JSON body that a controller binds to a record but that is not
 * exactly one value of that record's shape ({@link JsonShape}); runs after authentication, so that a caller who may
 * not use the endpoint learns nothing from it. Bodies taken as bytes (the signal intake parses its own) are untouched.
 */
@ServerFilter(value = "/api/**", methods = {HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH})
public class StrictJsonBodyFilter implements Ordered {

    @RequestFilter
    public Publisher<HttpResponse<?>> check(HttpRequest<?> request, FilterContinuation<Publisher<HttpResponse<?>>> next) {
        Argument<?> type = RouteAttributes.getRouteInfo(request).flatMap(RouteInfo::getFullRequestBodyType)
                .filter(JsonShape::applies).orElse(null);
        if (type == null || !isJson(request) || !(request instanceof ServerHttpRequest<?> server)) {
            return next.proceed();
        }
        // a copy: the original stays for the controller's binding
        return Mono.fromFuture(server.byteBody().split(ByteBody.SplitBackpressureMode.FASTEST).buffer())
                .map(body -> JsonShape.check(body.toByteArray(), type))
                .flatMap(errors -> errors.isEmpty() ? Mono.from(next.proceed())
                        : Mono.just(new ApiExceptionHandler().handle(request, problem(errors))));
    }

    private static ApiException problem(List<FieldError> errors) {
        if (errors.stream().anyMatch(e -> e.field().isEmpty())) {
            return new ApiException(HttpStatus.BAD_REQUEST, "malformed-body", "Malformed request body",
                    "the body is not one JSON value", errors, null);
        }
        return ApiException.invalid("the body does not have the fields' types", errors);
    }

    /** JSON, or no content type: what the framework binds as JSON. */
    private static boolean isJson(HttpRequest<?> request) {
        return request.getContentType().map(t -> t.matches(MediaType.APPLICATION_JSON_TYPE) || t.getSubtype().endsWith("+json"))
                .orElse(true);
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.after();
    }
}
