package no.rusvarsel.analytics.watchlist;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import no.rusvarsel.analytics.rules.RuleContext;
import no.rusvarsel.contracts.catalogue.Substance;
import no.rusvarsel.contracts.catalogue.SubstanceCatalogue;
import no.rusvarsel.support.problem.ApiException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The watchlist at runtime (DESIGN §5): everyone signed in reads it; OPERATOR and ADMIN add, change and remove
 * entries, which the rules apply to new signals within seconds, without a restart.
 */
@Controller("/api/v1/watchlist")
@ExecuteOn(TaskExecutors.BLOCKING)
public class WatchlistController {

    private final RuleContext rules;
    private final WatchlistPublisher publisher;

    public WatchlistController(RuleContext rules, WatchlistPublisher publisher) {
        this.rules = rules;
        this.publisher = publisher;
    }

    @Get
    @Secured({"ANALYST", "OPERATOR", "ADMIN"})
    public List<Substance> list() {
        return rules.catalogue().all().stream().sorted(Comparator.comparing(Substance::id)).toList();
    }

    @Get("/{substanceId}")
    @Secured({"ANALYST", "OPERATOR", "ADMIN"})
    public Substance get(String substanceId) {
        return rules.catalogue().byId(substanceId).orElseThrow(() -> ApiException.notFound("no watchlist entry " + substanceId));
    }

    @Put("/{substanceId}")
    @Secured({"OPERATOR", "ADMIN"})
    public Substance put(String substanceId, @Body Substance entry) {
        if (!substanceId.equals(entry.id())) {
            throw ApiException.invalid("the entry's id must be the one in the path",
                    List.of(new no.rusvarsel.support.problem.FieldError(0, "id", "must be " + substanceId)));
        }
        var errors = errors(entry);
        if (!errors.isEmpty()) {
            throw ApiException.invalid("the watchlist entry is invalid", errors);
        }
        var others = new ArrayList<>(rules.catalogue().all().stream().filter(s -> !s.id().equals(substanceId)).toList());
        others.add(entry);
        try {
            SubstanceCatalogue.of("check", others);
        } catch (IllegalArgumentException e) {
            throw new ApiException(HttpStatus.CONFLICT, "watchlist-name-conflict", "Name used by another entry", e.getMessage(), null, null);
        }
        publish(() -> publisher.put(entry));
        return entry;
    }

    @Delete("/{substanceId}")
    @Secured({"OPERATOR", "ADMIN"})
    public HttpResponse<Void> delete(String substanceId) {
        if (rules.catalogue().byId(substanceId).isEmpty()) {
            throw ApiException.notFound("no watchlist entry " + substanceId);
        }
        publish(() -> publisher.delete(substanceId));
        return HttpResponse.noContent();
    }

    /**
     * What is wrong with an entry beyond its types: a blank name or synonym, control characters, or a potency
     * threshold that is not a finite number ≥ 0 ({@code 1e999999} was read as Infinity and published).
     */
    static List<no.rusvarsel.support.problem.FieldError> errors(Substance entry) {
        var errors = new ArrayList<no.rusvarsel.support.problem.FieldError>();
        text(entry.id(), "id", errors);
        text(entry.name(), "name", errors);
        for (int i = 0; i < entry.synonyms().size(); i++) {
            text(entry.synonyms().get(i), "synonyms[" + i + "]", errors);
        }
        for (int i = 0; i < entry.metabolites().size(); i++) {
            text(entry.metabolites().get(i), "metabolites[" + i + "]", errors);
        }
        if (entry.thresholds() != null) {
            threshold(entry.thresholds().amountMgPerUnit(), "thresholds.amountMgPerUnit", errors);
            threshold(entry.thresholds().purityPercent(), "thresholds.purityPercent", errors);
        }
        return errors;
    }

    private static void text(String value, String field, List<no.rusvarsel.support.problem.FieldError> errors) {
        if (value == null || value.isBlank() || value.length() > 200) {
            errors.add(new no.rusvarsel.support.problem.FieldError(0, field, "must have 1 to 200 characters"));
        } else if (value.chars().anyMatch(Character::isISOControl)) {
            errors.add(new no.rusvarsel.support.problem.FieldError(0, field, "must not contain control characters"));
        }
    }

    private static void threshold(Double value, String field, List<no.rusvarsel.support.problem.FieldError> errors) {
        if (value != null && (!Double.isFinite(value) || value < 0)) {
            errors.add(new no.rusvarsel.support.problem.FieldError(0, field, "must be a finite number ≥ 0"));
        }
    }

    private static void publish(Runnable write) {
        try {
            write.run();
        } catch (WatchlistPublisher.WatchlistUnavailableException e) {
            throw ApiException.unavailable(e.getMessage(), Duration.ofSeconds(10));
        }
    }
}
