package no.rusvarsel.alerts.cap;

import io.micronaut.core.annotation.Nullable;

import java.time.ZoneId;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How CAP messages and the Atom feed present this system: sender, scope, language, time zone and public links.
 *
 * @param sender       CAP {@code sender}: unique id of the originator, no whitespace, commas, {@code <} or {@code &}
 * @param senderName   CAP {@code senderName} and the Atom author
 * @param scope        CAP {@code scope}
 * @param restriction  CAP {@code restriction}; required when the scope is Restricted
 * @param language     {@code en} or {@code no}: the info block's language and the wording of generated texts
 * @param zone         the time zone the CAP times are given in (with their offset)
 * @param dashboardUrl the alert's dashboard page is this followed by the alert id
 * @param publicUrl    base of the absolute links in the Atom feed, without a trailing slash
 * @param feedLimit    most entries in the Atom feed
 */
public record CapSettings(String sender, String senderName, Scope scope, @Nullable String restriction,
                          String language, ZoneId zone, String dashboardUrl, String publicUrl, int feedLimit) {

    /** CAP 1.2 forbids whitespace, commas and the XML specials {@code <}, {@code &} in identifiers and sender. */
    static final Pattern CAP_ID = Pattern.compile("[^\\s,<&]+");

    /** CAP {@code scope} values. */
    public enum Scope {
        Public, Restricted, Private;

        static Scope parse(String text) {
            for (var s : values()) {
                if (s.name().equalsIgnoreCase(text.strip())) {
                    return s;
                }
            }
            throw new IllegalArgumentException("CAP scope must be Public, Restricted or Private, not " + text);
        }
    }

    public CapSettings {
        if (sender == null || !CAP_ID.matcher(sender).matches()) {
            throw new IllegalArgumentException("CAP sender must be non-empty without whitespace, ',', '<' or '&': " + sender);
        }
        if (senderName == null || senderName.isBlank()) {
            throw new IllegalArgumentException("CAP sender name must not be blank");
        }
        if (scope == null) {
            throw new IllegalArgumentException("CAP scope must be given");
        }
        restriction = restriction == null || restriction.isBlank() ? null : restriction.strip();
        if (scope == Scope.Restricted && restriction == null) {
            throw new IllegalArgumentException("CAP scope Restricted needs a restriction text");
        }
        language = language == null ? "" : language.strip().toLowerCase(Locale.ROOT);
        if (!language.equals("en") && !language.equals("no")) {
            throw new IllegalArgumentException("CAP language must be en or no, not " + language);
        }
        if (dashboardUrl == null || dashboardUrl.isBlank() || publicUrl == null || publicUrl.isBlank()) {
            throw new IllegalArgumentException("dashboard and public URLs must be given");
        }
        publicUrl = publicUrl.strip().replaceAll("/+$", "");
        dashboardUrl = dashboardUrl.strip();
        if (feedLimit < 1) {
            throw new IllegalArgumentException("feed limit must be at least 1");
        }
    }

    /** The defaults of {@code application.yml}, for tests. */
    public static CapSettings defaults() {
        return new CapSettings("rusvarsel@rusvarsel.no", "Rusvarsel early warning", Scope.Restricted,
                "Public-health professionals", "en", ZoneId.of("Europe/Oslo"), "http://localhost:8083/#/alerts/",
                "http://localhost:8083", 200);
    }

    /** The dashboard page of one alert. */
    public String dashboardLink(String alertId) {
        return dashboardUrl + alertId;
    }

    /** The absolute URL of an alert's CAP document. */
    public String capLink(String alertId) {
        return publicUrl + "/api/v1/alerts/" + alertId + "/cap";
    }

    /** The absolute URL of the Atom feed. */
    public String feedLink() {
        return publicUrl + "/api/v1/alerts/feed.atom";
    }
}
