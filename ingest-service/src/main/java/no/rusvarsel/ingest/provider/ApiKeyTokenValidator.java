package no.rusvarsel.ingest.provider;

import io.micronaut.http.HttpRequest;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.validator.TokenValidator;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import java.util.Optional;
import java.util.concurrent.ExecutorService;

/**
 * Authenticates data providers by API key ({@code Authorization: Bearer rv_…}): the key's SHA-256 hash must
 * belong to an unrevoked key of an existing provider. Other bearer tokens are left to the JWT validator.
 */
@Singleton
public class ApiKeyTokenValidator implements TokenValidator<HttpRequest<?>> {

    private final ApiKeyRepository keys;
    private final ProviderRepository providers;
    private final Scheduler blocking;

    public ApiKeyTokenValidator(ApiKeyRepository keys, ProviderRepository providers,
                                @Named(TaskExecutors.BLOCKING) ExecutorService executor) {
        this.keys = keys;
        this.providers = providers;
        this.blocking = Schedulers.fromExecutorService(executor);
    }

    @Override
    public Publisher<Authentication> validateToken(String token, HttpRequest<?> request) {
        if (token == null || !token.startsWith(ApiKeys.PREFIX)) {
            return Mono.empty();
        }
        return Mono.fromCallable(() -> lookup(token).orElse(null)).subscribeOn(blocking);
    }

    private Optional<Authentication> lookup(String token) {
        return keys.findByKeyHash(ApiKeys.hash(token))
                .filter(key -> key.revokedAt() == null)
                .flatMap(key -> providers.findById(key.providerId()))
                .map(p -> new ProviderPrincipal(p.id(), p.sourceTypes(), p.regions()).toAuthentication());
    }
}
