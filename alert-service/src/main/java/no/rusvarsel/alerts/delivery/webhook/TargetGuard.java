package no.rusvarsel.alerts.delivery.webhook;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;

/**
 * The SSRF guard for webhook targets, applied when a subscription is created and again before every delivery:
 * an absolute https URL (http only for an allow-listed target) without credentials or fragment, whose host resolves
 * only to public addresses unless the host name or the addresses are allow-listed. Redirects are never followed.
 */
@Singleton
public class TargetGuard {

    /** Resolves a host name to all its addresses; replaceable in tests. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /** A target that must never be called; the message says why (it names no more than the address class). */
    public static final class RefusedTarget extends Exception {
        public RefusedTarget(String message) {
            super(message);
        }
    }

    public static final int MAX_LENGTH = 2048;

    private final AllowList allowList;
    private final Resolver resolver;

    @Inject
    public TargetGuard(@Value("${rusvarsel.webhook.allow-list:}") String allowList) {
        this(AllowList.parse(allowList), InetAddress::getAllByName);
    }

    public TargetGuard(AllowList allowList, Resolver resolver) {
        this.allowList = allowList;
        this.resolver = resolver;
    }

    /**
     * Checks a target and returns the URI to call.
     *
     * @throws RefusedTarget        the target is not allowed (permanent)
     * @throws UnknownHostException its host does not resolve now (may be temporary)
     */
    public URI check(String target) throws RefusedTarget, UnknownHostException {
        var uri = parse(target);
        var host = Cidr.unbracket(uri.getHost());
        var hostAllowed = allowList.allowsHost(host);
        var addresses = List.of(resolver.resolve(host));
        if (addresses.isEmpty()) {
            throw new UnknownHostException(host);
        }
        var allAllowListed = hostAllowed;
        if (!hostAllowed) {
            allAllowListed = true;
            for (var address : addresses) {
                if (allowList.allowsAddress(address)) {
                    continue;
                }
                allAllowListed = false;
                var refusal = AddressRules.refusal(address);
                if (refusal.isPresent()) {
                    throw new RefusedTarget("resolves to a " + refusal.get() + " address (" + address.getHostAddress()
                            + "), which webhooks may not reach unless allow-listed");
                }
            }
        }
        if ("http".equalsIgnoreCase(uri.getScheme()) && !allAllowListed) {
            throw new RefusedTarget("must use https (plain http only for an allow-listed target)");
        }
        return uri;
    }

    private static URI parse(String target) throws RefusedTarget {
        if (target == null || target.isBlank()) {
            throw new RefusedTarget("must be an https URL");
        }
        if (target.length() > MAX_LENGTH) {
            throw new RefusedTarget("must be at most " + MAX_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(target.strip());
        } catch (URISyntaxException e) {
            throw new RefusedTarget("is not a valid URL: " + e.getReason());
        }
        var scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || !(scheme.equals("https") || scheme.equals("http"))) {
            throw new RefusedTarget("must be an https URL");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new RefusedTarget("must name a host");
        }
        if (uri.getRawUserInfo() != null) {
            throw new RefusedTarget("must not contain credentials");
        }
        if (uri.getRawFragment() != null) {
            throw new RefusedTarget("must not contain a fragment");
        }
        return uri;
    }
}
