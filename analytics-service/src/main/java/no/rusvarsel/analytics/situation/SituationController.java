package no.rusvarsel.analytics.situation;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import no.rusvarsel.analytics.rules.RuleContext;
import no.rusvarsel.contracts.catalogue.Region;
import no.rusvarsel.contracts.signal.ObservedAt;
import no.rusvarsel.support.problem.ApiException;
import no.rusvarsel.support.problem.FieldError;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The situation picture (DESIGN §5): counts per day, substance class and source type for a county, a municipality or
 * every county, from the Streams state stores of all instances; patient-event counts below 5 shown as {@code "<5"} to
 * anyone but OPERATOR. The internal endpoint answers another instance for the counties this one holds.
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured({"ANALYST", "OPERATOR", "ADMIN"})
public class SituationController {

    public static final String PATH = "/api/v1/situation";
    public static final String INTERNAL_PATH = "/internal/situation";
    public static final int DEFAULT_DAYS = 7;
    public static final int MAX_DAYS = 90;
    /** The one role that sees small patient-event counts as they are. */
    static final String UNMASKED_ROLE = "OPERATOR";

    private final SituationService situation;
    private final RuleContext rules;

    public SituationController(SituationService situation, RuleContext rules) {
        this.situation = situation;
        this.rules = rules;
    }

    @Get(PATH)
    public Situation situation(@QueryValue @Nullable String region, @QueryValue @Nullable String days,
                               Authentication caller, HttpRequest<?> request) {
        var errors = new ArrayList<FieldError>();
        var place = region(region, errors);
        int period = days(days, errors);
        if (!errors.isEmpty()) {
            throw invalid(errors);
        }
        var to = LocalDate.now(rules.clock().withZone(ObservedAt.ZONE));
        var from = to.minusDays(period - 1L);
        var counties = place == null ? rules.regions().counties().stream().map(Region::code).toList() : List.of(place.county());
        var municipality = place != null && place.level() == Region.Level.MUNICIPALITY ? place.code() : null;
        boolean seesSmall = seesSmallCounts(caller);
        return new Situation(place == null ? null : place.code(), period, from, to, !seesSmall,
                situation.counts(counties, municipality, from, to, seesSmall, request.getHeaders().get(HttpHeaders.AUTHORIZATION)));
    }

    /** Another instance's part of a situation query: the cells of {@code counties} that this instance holds. */
    @Get(INTERNAL_PATH)
    public List<SituationCount> local(@QueryValue String counties, @QueryValue @Nullable String municipality,
                                      @QueryValue String from, @QueryValue String to, Authentication caller) {
        var errors = new ArrayList<FieldError>();
        var codes = Arrays.stream(counties.split(",")).map(String::trim).toList();
        for (var code : codes) {
            if (rules.regions().find(code).filter(r -> r.level() == Region.Level.COUNTY).isEmpty()) {
                errors.add(new FieldError(0, "counties", "unknown county " + code));
            }
        }
        if (municipality != null && rules.regions().find(municipality).filter(r -> r.level() == Region.Level.MUNICIPALITY).isEmpty()) {
            errors.add(new FieldError(0, "municipality", "unknown municipality " + municipality));
        }
        var start = date("from", from, errors);
        var end = date("to", to, errors);
        if (!errors.isEmpty()) {
            throw invalid(errors);
        }
        return situation.local(codes, municipality, start, end, seesSmallCounts(caller));
    }

    static boolean seesSmallCounts(Authentication caller) {
        return caller.getRoles().contains(UNMASKED_ROLE);
    }

    private Region region(String code, List<FieldError> errors) {
        if (code == null || code.isBlank()) {
            return null;
        }
        if (!code.matches("\\d{2}|\\d{4}")) {
            errors.add(new FieldError(0, "region", "must be a county (2 digits) or municipality (4 digits) number"));
            return null;
        }
        var found = rules.regions().find(code);
        if (found.isEmpty()) {
            errors.add(new FieldError(0, "region", "unknown region " + code));
            return null;
        }
        return found.get();
    }

    private static int days(String text, List<FieldError> errors) {
        if (text == null || text.isBlank()) {
            return DEFAULT_DAYS;
        }
        try {
            int days = Integer.parseInt(text.trim());
            if (days >= 1 && days <= MAX_DAYS) {
                return days;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.add(new FieldError(0, "days", "must be a whole number from 1 to " + MAX_DAYS));
        return DEFAULT_DAYS;
    }

    private static LocalDate date(String field, String text, List<FieldError> errors) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(0, field, "must be an ISO date"));
            return null;
        }
    }

    private static ApiException invalid(List<FieldError> errors) {
        var detail = String.join("; ", errors.stream().map(e -> e.field() + " " + e.message()).toList());
        return new ApiException(HttpStatus.BAD_REQUEST, "invalid-query", "Invalid query parameters", detail, errors, null);
    }
}
