package no.rusvarsel.alerts.alert;

import io.swagger.v3.oas.annotations.Operation;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import no.rusvarsel.contracts.alert.AlertStatus;
import no.rusvarsel.contracts.catalogue.Region;
import no.rusvarsel.contracts.catalogue.RegionCatalogue;
import no.rusvarsel.contracts.detection.Severity;
import no.rusvarsel.support.problem.ApiException;
import no.rusvarsel.support.problem.FieldError;
import no.rusvarsel.support.problem.QueryNumbers;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Alerts for people (DESIGN §6): everyone signed in reads them; OPERATOR and ADMIN acknowledge, resolve, dismiss. */
@Controller("/api/v1/alerts")
@ExecuteOn(TaskExecutors.BLOCKING)
public class AlertController {

    static final int MAX_PAGE_SIZE = 500;
    private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");

    private final AlertSearch search;
    private final AlertLifecycle lifecycle;
    private final AlertRepository alerts;
    private final AlertDetectionRepository detections;
    private final AlertEventRepository events;
    private final RegionCatalogue regions;

    public AlertController(AlertSearch search, AlertLifecycle lifecycle, AlertRepository alerts,
                           AlertDetectionRepository detections, AlertEventRepository events, RegionCatalogue regions) {
        this.search = search;
        this.lifecycle = lifecycle;
        this.alerts = alerts;
        this.detections = detections;
        this.events = events;
        this.regions = regions;
    }

    /** A person's note on a change; the reason, for a dismissal. */
    @Serdeable
    public record ActionRequest(@Nullable String note) {
    }

    @Operation(summary = "List alerts by status, severity, region and time, most severe and most recent first")
    @Get
    @Secured({"ANALYST", "OPERATOR", "ADMIN"})
    public AlertSearch.Page list(@Nullable @QueryValue String status, @Nullable @QueryValue String region,
                                 @Nullable @QueryValue String severity, @Nullable @QueryValue String minSeverity,
                                 @Nullable @QueryValue String since, @Nullable @QueryValue String page,
                                 @Nullable @QueryValue String size) {
        var errors = new ArrayList<FieldError>();
        var pageNumber = QueryNumbers.wholeNumber(page, "page", errors);
        var pageSize = QueryNumbers.wholeNumber(size, "size", errors);
        var statuses = enums(AlertStatus.class, status, "status", errors);
        var severities = enums(Severity.class, severity, "severity", errors);
        var min = enums(Severity.class, minSeverity, "minSeverity", errors);
        String county = null;
        String municipality = null;
        if (region != null && !region.isBlank()) {
            var found = regions.find(region.strip());
            if (found.isEmpty()) {
                errors.add(new FieldError(0, "region", "unknown region code " + region.strip()));
            } else {
                county = found.get().county();
                municipality = found.get().level() == Region.Level.MUNICIPALITY ? found.get().code() : null;
            }
        }
        var from = instant(since, errors);
        int p = pageNumber == null ? 0 : pageNumber;
        int s = pageSize == null ? 50 : pageSize;
        if (p < 0) {
            errors.add(new FieldError(0, "page", "must be ≥ 0"));
        }
        if (s < 1 || s > MAX_PAGE_SIZE) {
            errors.add(new FieldError(0, "size", "must be between 1 and " + MAX_PAGE_SIZE));
        }
        if (min.size() > 1) {
            errors.add(new FieldError(0, "minSeverity", "must be one severity"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid("the alert filter is not valid", errors);
        }
        return search.find(new AlertFilter(statuses, county, municipality, severities,
                min.isEmpty() ? null : min.iterator().next(), from, p, s));
    }

    @Operation(summary = "An alert with the detections behind it (evidence timeline) and its audit trail")
    @Get("/{alertId}")
    @Secured({"ANALYST", "OPERATOR", "ADMIN"})
    public AlertDetail get(String alertId) {
        var alert = alerts.findById(alertId).orElseThrow(() -> ApiException.notFound("no alert " + alertId));
        return new AlertDetail(alert,
                detections.findByAlertIdOrderByDetectedAt(alertId).stream().map(AlertDetectionRecord::detection).toList(),
                events.findByAlertIdOrderBySequence(alertId).stream().map(AlertDetail.AuditEntry::of).toList());
    }

    @Operation(summary = "Acknowledge an open alert (OPERATOR, ADMIN)")
    @Post("/{alertId}/acknowledge")
    @Secured({"OPERATOR", "ADMIN"})
    public Alert acknowledge(String alertId, @Nullable @Body ActionRequest body, Authentication who) {
        return lifecycle.acknowledge(alertId, who.getName(), note(body));
    }

    @Operation(summary = "Resolve an active alert (OPERATOR, ADMIN)")
    @Post("/{alertId}/resolve")
    @Secured({"OPERATOR", "ADMIN"})
    public Alert resolve(String alertId, @Nullable @Body ActionRequest body, Authentication who) {
        return lifecycle.resolve(alertId, who.getName(), note(body));
    }

    @Operation(summary = "Dismiss an active alert with a reason in note (OPERATOR, ADMIN)")
    @Post("/{alertId}/dismiss")
    @Secured({"OPERATOR", "ADMIN"})
    public Alert dismiss(String alertId, @Nullable @Body ActionRequest body, Authentication who) {
        return lifecycle.dismiss(alertId, who.getName(), note(body));
    }

    private static String note(ActionRequest body) {
        if (body == null || body.note() == null) {
            return null;
        }
        if (body.note().length() > 2000) {
            throw ApiException.invalid("the note is too long", List.of(new FieldError(0, "note", "must be at most 2000 characters")));
        }
        return body.note();
    }

    private static <E extends Enum<E>> Set<E> enums(Class<E> type, String csv, String field, List<FieldError> errors) {
        var set = EnumSet.noneOf(type);
        if (csv == null || csv.isBlank()) {
            return set;
        }
        for (var part : csv.split(",")) {
            try {
                set.add(Enum.valueOf(type, part.strip().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError(0, field, "must be one of " + Arrays.toString(type.getEnumConstants())));
            }
        }
        return set;
    }

    private static Instant instant(String text, List<FieldError> errors) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(text.strip());
        } catch (DateTimeParseException e) {
            try {
                return LocalDate.parse(text.strip()).atStartOfDay(OSLO).toInstant();
            } catch (DateTimeParseException e2) {
                errors.add(new FieldError(0, "since", "must be an ISO-8601 instant or date"));
                return null;
            }
        }
    }
}
