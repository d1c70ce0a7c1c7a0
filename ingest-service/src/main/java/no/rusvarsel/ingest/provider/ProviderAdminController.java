package no.rusvarsel.ingest.provider;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import no.rusvarsel.contracts.catalogue.RegionCatalogue;
import no.rusvarsel.contracts.signal.SourceType;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import no.rusvarsel.support.problem.ApiException;
import no.rusvarsel.support.problem.Problem;
import no.rusvarsel.support.problem.FieldError;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/** Provider administration for ADMIN: create and list providers, issue keys (shown once), revoke keys (DESIGN §4). */
@Tag(name = "Provider administration")
@Controller("/api/v1/providers")
@Secured("ADMIN")
@ExecuteOn(TaskExecutors.BLOCKING)
public class ProviderAdminController {

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    private final ProviderRepository providers;
    private final ApiKeyRepository keys;
    private final RegionCatalogue regions;
    private final Clock clock;

    public ProviderAdminController(ProviderRepository providers, ApiKeyRepository keys, RegionCatalogue regions, Clock clock) {
        this.providers = providers;
        this.keys = keys;
        this.regions = regions;
        this.clock = clock;
    }

    /** A new provider: id (lower case, digits, dashes), name, the source types it may submit, optional regions. */
    @Serdeable
    public record NewProvider(String id, String name, List<String> sourceTypes, @Nullable List<String> regions,
                              @Nullable Integer expectedIntervalMinutes) {
    }

    /** A provider as an administrator sees it, with its keys (never the keys themselves). */
    @Serdeable
    public record ProviderView(String id, String name, List<String> sourceTypes, List<String> regions,
                               @Nullable Integer expectedIntervalMinutes, List<KeyView> keys) {
    }

    @Serdeable
    public record KeyView(UUID keyId, String prefix, java.time.Instant createdAt, @Nullable java.time.Instant revokedAt) {
    }

    /** A newly issued key: the only time the key itself is shown. */
    @Serdeable
    public record IssuedKey(UUID keyId, String providerId, String apiKey) {
    }

    @Operation(summary = "Create a data provider with the source types (and optionally regions) it may submit")
    @ApiResponse(responseCode = "201", description = "Created")
    @ApiResponse(responseCode = "400", description = "Invalid provider", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @ApiResponse(responseCode = "403", description = "Not an ADMIN", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @ApiResponse(responseCode = "409", description = "A provider with this id exists", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @Post
    @Transactional
    public HttpResponse<ProviderView> create(@Body NewProvider request) {
        var errors = validate(request);
        if (!errors.isEmpty()) {
            throw ApiException.invalid("the provider is invalid", errors);
        }
        if (providers.existsById(request.id())) {
            throw new ApiException(io.micronaut.http.HttpStatus.CONFLICT, "provider-exists", "Provider exists",
                    "a provider with id " + request.id() + " exists", null, null);
        }
        var provider = providers.save(new Provider(request.id(), request.name(), List.copyOf(request.sourceTypes()),
                request.regions() == null ? List.of() : List.copyOf(request.regions()), request.expectedIntervalMinutes(), null));
        return HttpResponse.created(view(provider));
    }

    @Operation(summary = "List providers with their keys (prefixes only, never the keys)")
    @ApiResponse(responseCode = "200", description = "The providers")
    @ApiResponse(responseCode = "403", description = "Not an ADMIN", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @Get
    public List<ProviderView> list() {
        var out = new ArrayList<ProviderView>();
        providers.findAll().forEach(p -> out.add(view(p)));
        return out;
    }

    @Operation(summary = "Issue a new API key for a provider; the key is shown only in this response")
    @ApiResponse(responseCode = "201", description = "The new key")
    @ApiResponse(responseCode = "403", description = "Not an ADMIN", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @ApiResponse(responseCode = "404", description = "No such provider", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @Post("/{id}/keys")
    @Transactional
    public HttpResponse<IssuedKey> issueKey(String id) {
        if (!providers.existsById(id)) {
            throw ApiException.notFound("no provider " + id);
        }
        var key = ApiKeys.generate();
        var saved = keys.save(new ApiKey(UUID.randomUUID(), id, ApiKeys.hash(key), ApiKeys.prefix(key), clock.instant(), null));
        return HttpResponse.created(new IssuedKey(saved.id(), id, key));
    }

    @Operation(summary = "Revoke a provider's API key; requests with it are refused from then on")
    @ApiResponse(responseCode = "204", description = "Revoked")
    @ApiResponse(responseCode = "403", description = "Not an ADMIN", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @ApiResponse(responseCode = "404", description = "No such key of this provider", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @Delete("/{id}/keys/{keyId}")
    @Transactional
    public HttpResponse<Void> revokeKey(String id, UUID keyId) {
        var key = keys.findById(keyId).filter(k -> k.providerId().equals(id))
                .orElseThrow(() -> ApiException.notFound("no key " + keyId + " of provider " + id));
        if (key.revokedAt() == null) {
            keys.update(new ApiKey(key.id(), key.providerId(), key.keyHash(), key.keyPrefix(), key.createdAt(), clock.instant()));
        }
        return HttpResponse.noContent();
    }

    private ProviderView view(Provider p) {
        var keyViews = keys.findByProviderId(p.id()).stream()
                .map(k -> new KeyView(k.id(), k.keyPrefix(), k.createdAt(), k.revokedAt())).toList();
        return new ProviderView(p.id(), p.name(), p.sourceTypes(), p.regions(), p.expectedIntervalMinutes(), keyViews);
    }

    private List<FieldError> validate(NewProvider r) {
        var errors = new ArrayList<FieldError>();
        if (r.id() == null || !ID.matcher(r.id()).matches()) {
            errors.add(new FieldError(0, "id", "must be 1 to 63 lower-case letters, digits or dashes, starting with a letter or digit"));
        }
        if (r.name() == null || r.name().isBlank() || r.name().length() > 200) {
            errors.add(new FieldError(0, "name", "must have 1 to 200 characters"));
        } else if (r.name().chars().anyMatch(Character::isISOControl)) {
            // PostgreSQL text cannot hold NUL (a 500 before): no control characters in a name at all
            errors.add(new FieldError(0, "name", "must not contain control characters"));
        }
        if (r.sourceTypes() == null || r.sourceTypes().isEmpty()) {
            errors.add(new FieldError(0, "sourceTypes", "is required: one or more of wastewater, drug-checking, seizure, patient-event, syringe"));
        } else {
            for (int i = 0; i < r.sourceTypes().size(); i++) {
                if (SourceType.fromPath(r.sourceTypes().get(i)).isEmpty()) {
                    errors.add(new FieldError(0, "sourceTypes[" + i + "]", "must be one of wastewater, drug-checking, seizure, patient-event, syringe"));
                }
            }
        }
        if (r.regions() != null) {
            for (int i = 0; i < r.regions().size(); i++) {
                if (regions.find(r.regions().get(i)).isEmpty()) {
                    errors.add(new FieldError(0, "regions[" + i + "]", "unknown region"));
                }
            }
        }
        if (r.expectedIntervalMinutes() != null && r.expectedIntervalMinutes() < 1) {
            errors.add(new FieldError(0, "expectedIntervalMinutes", "must be ≥ 1"));
        }
        return errors;
    }
}
