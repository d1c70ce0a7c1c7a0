package no.rusvarsel.support.security;

import com.nimbusds.jose.jwk.JWKSet;
import io.micronaut.security.token.jwt.signature.jwks.JwkSetFetcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

/**
 * The OIDC provider's current signing keys: fetched on first use, fetched again when older than the refresh period,
 * and at once (at most once per backoff) when a token names a key id they lack, so that rotated keys are accepted
 * without a restart. Keeps the last keys while the provider cannot be reached.
 */
final class JwksKeys {

    private static final Logger LOG = LoggerFactory.getLogger(JwksKeys.class);

    private record Fetched(JWKSet keys, long atNanos) {
    }

    private final String url;
    private final JwkSetFetcher<JWKSet> fetcher;
    private final long refreshNanos;
    private final long backoffNanos;
    private final LongSupplier nanoTime;
    private final AtomicReference<Fetched> current = new AtomicReference<>();
    private final AtomicReference<Mono<JWKSet>> inFlight = new AtomicReference<>();
    private final AtomicLong lastUnknownKeyFetch;

    JwksKeys(String url, JwkSetFetcher<JWKSet> fetcher, Duration refresh, Duration unknownKeyBackoff, LongSupplier nanoTime) {
        this.url = url;
        this.fetcher = fetcher;
        this.refreshNanos = refresh.toNanos();
        this.backoffNanos = unknownKeyBackoff.toNanos();
        this.nanoTime = nanoTime;
        this.lastUnknownKeyFetch = new AtomicLong(nanoTime.getAsLong() - backoffNanos);
    }

    /** The keys to verify a token with the given key id (null: none named) with. Empty when none could ever be fetched. */
    Mono<JWKSet> forKeyId(String keyId) {
        var fetched = current.get();
        if (fetched == null || nanoTime.getAsLong() - fetched.atNanos() >= refreshNanos) {
            return fetch();
        }
        if (keyId != null && fetched.keys().getKeyByKeyId(keyId) == null && mayFetchForUnknownKey()) {
            LOG.info("A token names key id {}, which {} does not list: fetching the keys again", keyId, url);
            return fetch();
        }
        return Mono.just(fetched.keys());
    }

    private boolean mayFetchForUnknownKey() {
        long now = nanoTime.getAsLong();
        long last = lastUnknownKeyFetch.get();
        return now - last >= backoffNanos && lastUnknownKeyFetch.compareAndSet(last, now);
    }

    /** One fetch at a time; concurrent callers share it. */
    private Mono<JWKSet> fetch() {
        var shared = inFlight.get();
        if (shared != null) {
            return shared;
        }
        var started = Mono.from(fetcher.fetch("oidc", url))
                .doOnNext(keys -> current.set(new Fetched(keys, nanoTime.getAsLong())))
                .onErrorResume(e -> {
                    LOG.warn("Cannot fetch the OIDC signing keys from {}: {}", url, e.toString());
                    return Mono.empty();
                })
                .switchIfEmpty(Mono.defer(this::lastKnown))
                .doFinally(signal -> inFlight.set(null))
                .cache();
        if (inFlight.compareAndSet(null, started)) {
            return started;
        }
        var other = inFlight.get();
        return other != null ? other : started;
    }

    private Mono<JWKSet> lastKnown() {
        var fetched = current.get();
        if (fetched == null) {
            LOG.warn("No OIDC signing keys from {}: people's tokens are rejected until they can be fetched", url);
            return Mono.empty();
        }
        // try again after the backoff, not on every request while the provider is down
        current.set(new Fetched(fetched.keys(), nanoTime.getAsLong() - refreshNanos + backoffNanos));
        return Mono.just(fetched.keys());
    }
}
