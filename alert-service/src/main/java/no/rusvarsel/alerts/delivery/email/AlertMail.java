package no.rusvarsel.alerts.delivery.email;

import no.rusvarsel.alerts.delivery.message.AlertData;
import no.rusvarsel.alerts.delivery.message.AlertEnvelope;
import no.rusvarsel.alerts.delivery.message.TestEnvelope;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Renders an alert message as an e-mail: a one-line subject, a plain-text body and an HTML body (every value escaped)
 * with the summary, severity, certainty, regions, substance, evidence and links to the dashboard and the CAP document.
 */
public final class AlertMail {

    /** A rendered e-mail. */
    public record Rendered(String subject, String text, String html) {
    }

    private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(OSLO);

    private AlertMail() {
    }

    public static Rendered alert(AlertEnvelope message, String subscriptionName) {
        var a = message.data();
        var escalated = "ESCALATED".equals(a.change());
        var subject = "[Rusvarsel] " + (escalated ? "Escalated to " + a.severity() : a.severity().name()) + ": "
                + topic(a) + " in " + a.region().name();
        var heading = (escalated ? "Alert escalated to " : "New alert: ") + a.severity() + " (certainty " + a.certainty() + ")";
        var facts = facts(a);
        var evidenceTitle = "Evidence (" + a.evidence().size() + " of " + a.evidenceTotal() + " detections)";

        var text = new StringBuilder();
        text.append(heading).append("\n\n").append(a.summary()).append("\n\n");
        facts.forEach(f -> text.append(String.format("%-11s%s%n", f[0] + ":", f[1])));
        text.append('\n').append(evidenceTitle).append(":\n");
        for (var e : a.evidence()) {
            text.append("- ").append(time(e.detectedAt())).append("  ").append(e.rule()).append(", ").append(e.severity())
                    .append(", ").append(e.region().name()).append(", sources ").append(String.join(", ", e.sourceTypes()))
                    .append(": ").append(e.summary()).append('\n');
        }
        text.append("\nOpen the alert in the dashboard: ").append(a.links().dashboard()).append('\n')
                .append("CAP document: ").append(a.links().cap()).append('\n')
                .append(footer(subscriptionName));

        var html = new StringBuilder();
        html.append("<!DOCTYPE html><html><body style=\"font-family:sans-serif\">")
                .append("<h2>").append(Html.escape(heading)).append("</h2>")
                .append("<p><strong>").append(Html.escape(a.summary())).append("</strong></p><table>");
        for (var f : facts) {
            html.append("<tr><th align=\"left\">").append(Html.escape(f[0])).append("</th><td>").append(Html.escape(f[1]))
                    .append("</td></tr>");
        }
        html.append("</table><h3>").append(Html.escape(evidenceTitle)).append("</h3>")
                .append("<table border=\"1\" cellpadding=\"4\" style=\"border-collapse:collapse\">")
                .append("<tr><th>Detected</th><th>Rule</th><th>Severity</th><th>Region</th><th>Sources</th><th>Summary</th></tr>");
        for (var e : a.evidence()) {
            html.append("<tr><td>").append(Html.escape(time(e.detectedAt()))).append("</td><td>").append(Html.escape(e.rule()))
                    .append("</td><td>").append(Html.escape(e.severity())).append("</td><td>").append(Html.escape(e.region().name()))
                    .append("</td><td>").append(Html.escape(String.join(", ", e.sourceTypes()))).append("</td><td>")
                    .append(Html.escape(e.summary())).append("</td></tr>");
        }
        html.append("</table><p><a href=\"").append(Html.escape(a.links().dashboard())).append("\">Open the alert in the dashboard</a>")
                .append(" · <a href=\"").append(Html.escape(a.links().cap())).append("\">CAP document</a></p>")
                .append("<p style=\"color:#666\">").append(Html.escape(footer(subscriptionName))).append("</p></body></html>");
        return new Rendered(oneLine(subject), text.toString(), html.toString());
    }

    public static Rendered test(TestEnvelope message) {
        var d = message.data();
        var subject = "[Rusvarsel] Test message for subscription \"" + d.subscriptionName() + "\"";
        var text = d.message() + "\n\nSent " + time(message.timestamp()) + " (Europe/Oslo).\n";
        var html = "<!DOCTYPE html><html><body style=\"font-family:sans-serif\"><p>" + Html.escape(d.message())
                + "</p><p>Sent " + Html.escape(time(message.timestamp())) + " (Europe/Oslo).</p></body></html>";
        return new Rendered(oneLine(subject), text, html);
    }

    private static List<String[]> facts(AlertData a) {
        var facts = new ArrayList<String[]>();
        facts.add(new String[] {"Severity", a.severity().name()});
        facts.add(new String[] {"Certainty", a.certainty().name()});
        facts.add(new String[] {"Status", a.status().name()});
        facts.add(new String[] {"Region", a.regions().stream().map(r -> r.name() + " (" + r.code() + ")")
                .collect(Collectors.joining(", ")) + "; county " + a.county().name() + " (" + a.county().code() + ")"});
        if (a.substanceName() != null || a.substance() != null) {
            facts.add(new String[] {"Substance", (a.substanceName() != null ? a.substanceName() : a.substance())
                    + (a.substanceClass() != null ? " (" + a.substanceClass() + ")" : "")});
        } else if (a.substanceClass() != null) {
            facts.add(new String[] {"Class", a.substanceClass().name()});
        }
        facts.add(new String[] {"Rules", String.join(", ", a.rules())});
        facts.add(new String[] {"Sources", String.join(", ", a.sourceTypes())});
        facts.add(new String[] {"Window", time(a.windowStart()) + " – " + time(a.windowEnd()) + " (Europe/Oslo)"});
        facts.add(new String[] {"Opened", time(a.openedAt())});
        facts.add(new String[] {"Alert id", a.alertId()});
        return facts;
    }

    private static String topic(AlertData a) {
        if (a.substanceName() != null) {
            return a.substanceName();
        }
        if (a.substance() != null) {
            return a.substance();
        }
        if (a.substanceClass() != null) {
            return a.substanceClass().name();
        }
        return String.join("/", a.rules());
    }

    private static String footer(String subscriptionName) {
        return "You receive this because of your Rusvarsel subscription \"" + subscriptionName + "\".";
    }

    private static String time(Instant instant) {
        return instant == null ? "" : TIME.format(instant);
    }

    private static String oneLine(String s) {
        return s.replaceAll("[\\r\\n\\t]+", " ").strip();
    }
}
