package no.rusvarsel.alerts.dashboard;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Serves the dashboard's static shell (HTML, JS, CSS from {@code classpath:dashboard/}) to anyone: it holds no data,
 * every API it calls still requires a bearer token. Only plain file names are served, so nothing else on the class
 * path can be reached. The page learns how to sign in from {@link DashboardSignIn}.
 */
@io.swagger.v3.oas.annotations.Hidden
@Controller
@Secured(SecurityRule.IS_ANONYMOUS)
public class DashboardShellController {

    private static final Pattern FILE = Pattern.compile("[a-z0-9][a-z0-9-]{0,60}\\.(js|css|svg|html)");
    private static final Map<String, String> TYPES = Map.of(
            "js", "text/javascript;charset=utf-8", "css", "text/css;charset=utf-8",
            "svg", "image/svg+xml", "html", MediaType.TEXT_HTML + ";charset=utf-8");
    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    private final String csp;

    /** With OIDC sign-in the page may also call the provider's origin (discovery, token endpoint); nothing else widens. */
    public DashboardShellController(DashboardSignIn signIn) {
        var provider = signIn.providerOrigin();
        this.csp = provider == null ? CSP : CSP.replace("connect-src 'self';", "connect-src 'self' " + provider + ";");
    }

    @Get(value = "/", produces = MediaType.TEXT_HTML)
    public HttpResponse<byte[]> index() {
        return asset("index.html");
    }

    @Get("/dashboard/{file}")
    public HttpResponse<byte[]> asset(String file) {
        if (!FILE.matcher(file).matches()) {
            return HttpResponse.notFound();
        }
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("dashboard/" + file)) {
            if (in == null) {
                return HttpResponse.notFound();
            }
            MutableHttpResponse<byte[]> response = HttpResponse.ok(in.readAllBytes());
            return response.contentType(TYPES.get(file.substring(file.lastIndexOf('.') + 1)))
                    .header("Cache-Control", "no-cache")
                    .header("X-Content-Type-Options", "nosniff")
                    .header("Referrer-Policy", "no-referrer")
                    .header("Content-Security-Policy", csp);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
