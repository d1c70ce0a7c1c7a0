package no.rusvarsel.alerts.subscription;

import io.swagger.v3.oas.annotations.Operation;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import no.rusvarsel.support.problem.ApiException;
import no.rusvarsel.support.problem.FieldError;
import no.rusvarsel.support.problem.QueryNumbers;

import java.util.ArrayList;

/** Subscriptions (DESIGN §6): ANALYST, OPERATOR and ADMIN manage their own; ADMIN sees everyone's. */
@Controller("/api/v1/subscriptions")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured({"ANALYST", "OPERATOR", "ADMIN"})
public class SubscriptionController {

    static final int MAX_PAGE_SIZE = 200;

    private final SubscriptionValidator validator;
    private final SubscriptionService service;

    public SubscriptionController(SubscriptionValidator validator, SubscriptionService service) {
        this.validator = validator;
        this.service = service;
    }

    @Operation(summary = "Subscribe to alerts by webhook or e-mail; a webhook's signing secret is shown only here")
    @Post
    public HttpResponse<SubscriptionView> create(@Nullable @Body SubscriptionRequest body, Authentication who) {
        if (body == null) {
            throw ApiException.malformed("a subscription needs a JSON body");
        }
        var created = service.create(who, validator.validate(body));
        return HttpResponse.created(created).header("Location", "/api/v1/subscriptions/" + created.id());
    }

    @Operation(summary = "Your subscriptions (ADMIN: everyone's)")
    @Get
    public SubscriptionView.Page list(@Nullable @QueryValue String page, @Nullable @QueryValue String size,
                                      Authentication who) {
        var paging = paging(page, size);
        return service.list(who, page(paging[0], paging[1]), size(paging[1]));
    }

    @Operation(summary = "One subscription")
    @Get("/{id}")
    public SubscriptionView get(String id, Authentication who) {
        return SubscriptionView.of(service.get(who, id));
    }

    @Operation(summary = "Delete a subscription and cancel its queued deliveries")
    @Delete("/{id}")
    @Status(HttpStatus.NO_CONTENT)
    public void delete(String id, Authentication who) {
        service.delete(who, id);
    }

    @Operation(summary = "Queue a test message to the subscription's target")
    @Post("/{id}/test")
    @Status(HttpStatus.ACCEPTED)
    public DeliveryView test(String id, Authentication who) {
        return service.test(who, id);
    }

    @Operation(summary = "Rotate a webhook's signing secret; the new one is shown only here")
    @Post("/{id}/secret")
    public SubscriptionView rotateSecret(String id, Authentication who) {
        return service.rotateSecret(who, id);
    }

    @Operation(summary = "Enable a subscription again (after a 410 disabled it)")
    @Post("/{id}/enable")
    public SubscriptionView enable(String id, Authentication who) {
        return service.enable(who, id);
    }

    @Operation(summary = "The subscription's deliveries and attempts, with status codes and next retry")
    @Get("/{id}/deliveries")
    public DeliveryView.Page deliveries(String id, @Nullable @QueryValue String page, @Nullable @QueryValue String size,
                                        Authentication who) {
        var paging = paging(page, size);
        return service.deliveries(who, id, page(paging[0], paging[1]), size(paging[1]));
    }

    /** Page and size as numbers; a value that is not a whole number is a 400 naming the field. */
    private static Integer[] paging(String page, String size) {
        var errors = new ArrayList<FieldError>();
        var result = new Integer[] {QueryNumbers.wholeNumber(page, "page", errors), QueryNumbers.wholeNumber(size, "size", errors)};
        if (!errors.isEmpty()) {
            throw ApiException.invalid("the paging is not valid", errors);
        }
        return result;
    }

    private static int page(Integer page, Integer size) {
        var errors = new ArrayList<FieldError>();
        if (page != null && page < 0) {
            errors.add(new FieldError(0, "page", "must be ≥ 0"));
        }
        if (size != null && (size < 1 || size > MAX_PAGE_SIZE)) {
            errors.add(new FieldError(0, "size", "must be between 1 and " + MAX_PAGE_SIZE));
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid("the paging is not valid", errors);
        }
        return page == null ? 0 : page;
    }

    private static int size(Integer size) {
        return size == null ? 50 : size;
    }
}
