package no.rusvarsel.devstack.faults;

import no.rusvarsel.bench.loadgen.Sender;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code devstack/target/faults-report.md}: what a run of {@link FaultsIT} sent, found, lost and duplicated. */
final class FaultReport {

    private FaultReport() {
    }

    static void write(int minutes, int rounds, double seconds, List<FaultLoad.SignalCheck> signals, List<Sender.Report> reports,
                      FaultLoad.AlertCheck alerts, FaultLoad.WebhookCheck webhooks, List<String> badAnswers, List<Long> outage503,
                      Map<String, String> timeline) {
        long sent = signals.stream().mapToLong(FaultLoad.SignalCheck::sent).sum();
        long accepted = signals.stream().mapToLong(FaultLoad.SignalCheck::accepted202).sum();
        long lost = signals.stream().mapToLong(c -> c.lost().size()).sum();
        long notAccepted = signals.stream().mapToLong(c -> c.notAccepted().size()).sum();
        long found = accepted - lost;
        long duplicates = signals.stream().mapToLong(c -> c.duplicated().size()).sum();
        long fiveXx = reports.stream().mapToLong(r -> r.serverErrors() - r.count(503)).sum();
        var md = new StringBuilder();
        md.append("# Fault run\n\n");
        md.append(String.format(Locale.ROOT, "%s: %d round(s) of faults in %.0f s (`-Dfaults.minutes=%d`).%n%n",
                minutes > 0 ? "Long version" : "Bounded version", rounds, seconds, minutes));
        md.append("| measure | value | must be |\n|---|---:|---|\n");
        row(md, "signals sent", sent, "");
        row(md, "signals accepted (202)", accepted, "= sent");
        row(md, "signals not accepted after the client's retries", notAccepted, "0");
        row(md, "accepted signals found in rusvarsel.signals.v1", found, "= accepted");
        row(md, "accepted signals lost", lost, "0");
        row(md, "(signalId, version) twice in the topic", duplicates, "0");
        row(md, "5xx answers other than 503", fiveXx, "0");
        row(md, "answers other than 202 or 503 with Retry-After", badAnswers.size(), "0");
        md.append("| 503 with Retry-After per outage | ").append(outage503).append(" | each > 0 |\n");
        row(md, "injected CRITICAL events", alerts.criticalEvents(), "");
        row(md, "injected CRITICAL events with their alert", alerts.criticalFound(), "= events");
        row(md, "episodes with more than one alert (duplicate alerts)", alerts.duplicateEpisodes().size(), "0");
        row(md, "alerts in all", alerts.alerts(), "");
        row(md, "webhook deliveries received", webhooks.deliveries(), "");
        row(md, "alerts never delivered by webhook", webhooks.notNotified().size(), "0");
        row(md, "alert changes delivered with two different webhook-ids", webhooks.severalIds().size(), "0");
        md.append("\n## Timeline\n\n");
        timeline.forEach((k, v) -> md.append("- ").append(k).append(": ").append(v).append('\n'));
        md.append("\n## Details\n\n");
        signals.forEach(c -> md.append("- ").append(c.describe()).append('\n'));
        md.append("- ").append(alerts.describe()).append('\n');
        md.append("- ").append(webhooks.describe()).append('\n');
        try {
            Path file = Path.of("target", "faults-report.md");
            Files.createDirectories(file.getParent());
            Files.writeString(file, md.toString());
            FaultsIT.log("report written to %s", file.toAbsolutePath());
        } catch (IOException e) {
            FaultsIT.log("could not write the report: %s", e);
        }
    }

    private static void row(StringBuilder md, String what, long value, String must) {
        md.append("| ").append(what).append(" | ").append(value).append(" | ").append(must).append(" |\n");
    }
}
