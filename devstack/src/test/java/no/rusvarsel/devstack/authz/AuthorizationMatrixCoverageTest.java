package no.rusvarsel.devstack.authz;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every route a controller of the three services declares has a row in {@code docs/authorization-matrix.md}, and
 * the table is well formed (every cell a status, the nine callers, known services). No stack needed.
 */
class AuthorizationMatrixCoverageTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Map<String, String> MODULES = Map.of(
            "ingest-service", "ingest", "analytics-service", "analytics", "alert-service", "alerts");
    private static final Pattern CONTROLLER = Pattern.compile("@Controller(?:\\(([^)]*)\\))?");
    private static final Pattern ROUTE = Pattern.compile("@(Get|Post|Put|Delete|Patch)\\b(?:\\(([^)]*)\\))?");
    private static final Pattern STRING = Pattern.compile("\"([^\"]*)\"");

    /** A route as a controller declares it: path segments in braces are variables. */
    record Route(String service, String method, String path, String source) {
    }

    @Test
    void shouldParseTheTableWithAStatusForEveryCallerOfEveryRow() {
        var matrix = AuthorizationMatrix.read();

        assertThat(matrix.callers()).isEqualTo(AuthorizationMatrix.CALLERS);
        assertThat(matrix.rows()).hasSizeGreaterThan(40)
                .allSatisfy(row -> assertThat(row.expected()).containsOnlyKeys(AuthorizationMatrix.CALLERS));
        assertThat(matrix.rows().stream().map(AuthorizationMatrix.Row::label)).doesNotHaveDuplicates();
    }

    @Test
    void shouldHaveARowForEveryRouteOfEveryController() throws IOException {
        var routes = routes();
        var rows = AuthorizationMatrix.read().rows();

        assertThat(routes.stream().map(r -> r.service() + " " + r.method() + " " + r.path())).as("routes found in the controllers")
                .hasSizeGreaterThanOrEqualTo(37)
                .contains("ingest POST /api/v1/signals/{PATH_VARIABLE}", "ingest DELETE /api/v1/providers/{id}/keys/{keyId}",
                        "analytics GET /internal/situation", "analytics PUT /api/v1/watchlist/{substanceId}",
                        "alerts GET /", "alerts GET /api/v1/alerts/feed.atom", "alerts GET /api/v1/alerts/stream",
                        "alerts POST /api/v1/subscriptions/{id}/enable");
        assertThat(missing(routes, rows)).as("controller routes without a row in " + AuthorizationMatrix.FILE).isEmpty();
    }

    @Test
    void shouldReportARouteWhoseRowIsMissing() throws IOException {
        var rows = AuthorizationMatrix.read().rows().stream()
                .filter(row -> !row.path().equals("/api/v1/subscriptions/{subscription}/enable")).toList();

        assertThat(missing(routes(), rows)).containsExactly(
                "alerts POST /api/v1/subscriptions/{id}/enable (alert-service/src/main/java/no/rusvarsel/alerts/subscription/SubscriptionController.java)");
    }

    private static List<String> missing(List<Route> routes, List<AuthorizationMatrix.Row> rows) {
        return routes.stream().filter(route -> rows.stream().noneMatch(row -> matches(route, row)))
                .map(r -> r.service() + " " + r.method() + " " + r.path() + " (" + r.source() + ")").toList();
    }

    private static boolean matches(Route route, AuthorizationMatrix.Row row) {
        if (!route.service().equals(row.service()) || !route.method().equalsIgnoreCase(row.method())) {
            return false;
        }
        var declared = route.path().split("/", -1);
        var tabled = row.route().split("/", -1);
        if (declared.length != tabled.length) {
            return false;
        }
        for (int i = 0; i < declared.length; i++) {
            boolean variable = declared[i].startsWith("{") && declared[i].endsWith("}");
            if (!variable && !declared[i].equals(tabled[i])) {
                return false;
            }
        }
        return true;
    }

    static List<Route> routes() throws IOException {
        var out = new ArrayList<Route>();
        for (var module : MODULES.entrySet()) {
            try (var files = Files.walk(ROOT.resolve(module.getKey()).resolve("src/main/java"))) {
                for (var file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    var source = Files.readString(file);
                    var controller = CONTROLLER.matcher(source);
                    if (!controller.find()) {
                        continue;
                    }
                    var base = value(controller.group(1), source);
                    var route = ROUTE.matcher(source);
                    while (route.find()) {
                        if (route.start() < controller.start()) {
                            continue;
                        }
                        var path = join(base, value(route.group(2), source));
                        out.add(new Route(module.getValue(), route.group(1).toUpperCase(), path,
                                ROOT.relativize(file).toString()));
                    }
                }
            }
        }
        return out;
    }

    /** The path of an annotation's arguments: its string (a {@code "/{" + NAME + "}"} becomes {@code /{NAME}}), or a constant's value. */
    private static String value(String arguments, String source) {
        if (arguments == null || arguments.isBlank()) {
            return "";
        }
        var joined = arguments.replaceAll("\"\\s*\\+\\s*([A-Za-z_][\\w.]*)\\s*\\+\\s*\"", "$1");
        var first = joined.split(",")[0].strip();
        if (first.matches("[A-Za-z]+\\s*=.*") && !first.matches("(value|uri)\\s*=.*")) {
            return ""; // only named attributes (produces = …): the path is the default ""
        }
        Matcher literal = STRING.matcher(first);
        if (literal.find()) {
            return literal.group(1);
        }
        var name = first.replaceAll(".*=", "").strip();
        var constant = Pattern.compile("String\\s+" + Pattern.quote(name) + "\\s*=\\s*\"([^\"]*)\"").matcher(source);
        if (constant.find()) {
            return constant.group(1);
        }
        throw new IllegalStateException("cannot read the path of (" + arguments + ")");
    }

    private static String join(String base, String path) {
        var joined = (base + (path.isEmpty() || path.startsWith("/") ? path : "/" + path)).replaceAll("/+", "/");
        return joined.isEmpty() ? "/" : joined.length() > 1 && joined.endsWith("/") ? joined.substring(0, joined.length() - 1) : joined;
    }
}
