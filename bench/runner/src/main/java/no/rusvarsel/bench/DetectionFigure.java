package no.rusvarsel.bench;

import no.rusvarsel.bench.loadgen.GroundTruth;
import no.rusvarsel.bench.loadgen.LoadGenerator;
import no.rusvarsel.bench.loadgen.ProviderKeys;
import no.rusvarsel.bench.loadgen.Scenario;
import no.rusvarsel.bench.loadgen.Sender;
import no.rusvarsel.contracts.catalogue.RegionCatalogue;
import no.rusvarsel.contracts.detection.Severity;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Detection quality against the load generator's ground truth: a scenario with one injected event of every kind in
 * six counties is sent as fast as ingest takes it; then the alerts ({@code GET /api/v1/alerts}) are polled until every
 * event has an alert in its county of at least its least severity, or the wait is over. Counts found and missed events,
 * the time from the 202 of an event's first signal to its alert's {@code openedAt}, and alerts in the quiet counties.
 */
final class DetectionFigure {

    private final Stack stack;
    private final ProviderKeys keys;
    private final Bench.Plan plan;
    private final LocalDate start;

    DetectionFigure(Stack stack, ProviderKeys keys, Bench.Plan plan, LocalDate start) {
        this.stack = stack;
        this.keys = keys;
        this.plan = plan;
        this.start = start;
    }

    Figure run() {
        var f = new Figure("detection quality: CRITICAL injected events found", "fraction",
                "all CRITICAL injections found (1.0); false alerts in quiet counties reported");
        f.baselineReason = "absolute measure against the load generator's ground truth; no baseline";
        var alerts = new Alerts(stack);
        Set<String> before = new HashSet<>();
        alerts.all().forEach(a -> before.add(String.valueOf(a.get("alertId"))));

        var scenario = Scenario.of(start, plan.detectionDays()).withScale(plan.detectionScale()).withSeed(Bench.SEED).withIdPrefix("BD")
                .withStandardInjections(RegionCatalogue.defaultCatalogue());
        var generator = new LoadGenerator(scenario);
        GroundTruth truth = generator.groundTruth();
        var answered = new ConcurrentHashMap<String, Instant>();
        var requested = new ConcurrentHashMap<String, Instant>();
        var options = Sender.Options.defaults(stack.url("ingest")).withBatchSize(500).withClients(4).withRate(0).withMaxRetries(20);
        var report = new Sender(Sender.defaultClient(), options, keys).send(generator.all().stream(),
                batch -> batch.forEach(r -> {
                    answered.put(r.externalId(), r.answeredAt());
                    requested.put(r.externalId(), r.sentAt());
                }));
        f.details.put("scenario", Map.of("start", start.toString(), "days", plan.detectionDays(), "scale", plan.detectionScale(),
                "sent", report.sent(), "accepted", report.accepted(), "failed", report.failed()));

        // the 202 of each event's first signal
        var firstAnswer = new LinkedHashMap<Integer, Instant>();
        var firstRequest = new LinkedHashMap<Integer, Instant>();
        for (var e : truth.events()) {
            e.signals().stream().map(s -> requested.get(s.externalId())).filter(java.util.Objects::nonNull)
                    .min(Instant::compareTo).ifPresent(t -> firstRequest.put(e.index(), t));
            e.signals().stream().map(s -> answered.get(s.externalId())).filter(java.util.Objects::nonNull)
                    .min(Instant::compareTo).ifPresent(t -> firstAnswer.put(e.index(), t));
        }

        long deadline = System.nanoTime() + plan.detectionWait().toNanos();
        List<Map<String, Object>> current;
        Map<Integer, Map<String, Object>> found;
        while (true) {
            current = alerts.all().stream().filter(a -> !before.contains(String.valueOf(a.get("alertId")))).toList();
            found = match(truth, current, firstRequest);
            if (found.size() == truth.events().size() || System.nanoTime() > deadline) {
                break;
            }
            sleep(Duration.ofSeconds(2));
        }
        var events = new ArrayList<Map<String, Object>>();
        int critical = 0, criticalFound = 0;
        var ttd = new ArrayList<Double>();
        for (var e : truth.events()) {
            var row = new LinkedHashMap<String, Object>();
            row.put("kind", e.kind());
            row.put("county", e.county());
            row.put("substance", e.substance());
            row.put("expectedSeverity", e.severity().name());
            var alert = found.get(e.index());
            row.put("found", alert != null);
            if (e.severity() == Severity.CRITICAL) {
                critical++;
                if (alert != null) {
                    criticalFound++;
                }
            }
            if (alert != null) {
                row.put("alertSeverity", alert.get("severity"));
                row.put("alertRules", alert.get("rules"));
                var opened = Instant.parse(String.valueOf(alert.get("openedAt")));
                var first = firstAnswer.get(e.index());
                if (first != null) {
                    double seconds = Duration.between(first, opened).toMillis() / 1000.0;
                    row.put("secondsFromFirst202ToOpened", seconds);
                    ttd.add(seconds);
                }
            }
            events.add(row);
        }
        var quiet = new HashSet<>(truth.quietCounties());
        var falseAlerts = current.stream()
                .filter(a -> quiet.contains(String.valueOf(a.get("county"))))
                .filter(a -> !String.valueOf(a.get("rules")).contains("PROVIDER_SILENT"))
                .map(a -> Map.of("county", String.valueOf(a.get("county")), "severity", String.valueOf(a.get("severity")),
                        "rules", String.valueOf(a.get("rules")), "summary", String.valueOf(a.get("summary"))))
                .toList();
        double fraction = critical == 0 ? Double.NaN : (double) criticalFound / critical;
        f.value = new Figure.Stats(List.of(fraction));
        f.details.put("events", events);
        f.details.put("eventsFound", found.size());
        f.details.put("eventsMissed", truth.events().size() - found.size());
        f.details.put("criticalEvents", critical);
        f.details.put("criticalFound", criticalFound);
        f.details.put("falseAlertsInQuietCounties", falseAlerts.size());
        f.details.put("falseAlerts", falseAlerts);
        f.details.put("quietCounties", truth.quietCounties().size());
        f.details.put("secondsToDetection", ttd.isEmpty() ? null : new Figure.Stats(ttd).json());
        f.details.put("measure", "an event is found when a new alert in its county, for its substance (when the alert names one), reaches at least its least severity, opened after the first of its signals was sent;"
                + " waited at most " + plan.detectionWait().toSeconds() + " s after the last 202");
        f.pass = critical > 0 && criticalFound == critical;
        f.verdict = (f.pass ? "met" : "missed") + " (" + criticalFound + " of " + critical + " CRITICAL events found; "
                + found.size() + " of " + truth.events().size() + " events in all; " + falseAlerts.size() + " false alerts in "
                + truth.quietCounties().size() + " quiet counties)";
        return f;
    }

    private static Map<Integer, Map<String, Object>> match(GroundTruth truth, List<Map<String, Object>> alerts,
                                                         Map<Integer, Instant> firstRequest) {
        var found = new LinkedHashMap<Integer, Map<String, Object>>();
        for (var e : truth.events()) {
            alerts.stream()
                    .filter(a -> e.county().equals(String.valueOf(a.get("county"))))
                    .filter(a -> severity(a).compareTo(e.severity()) >= 0)
                    .filter(a -> a.get("substance") == null || e.substance() == null
                            || e.substance().equalsIgnoreCase(String.valueOf(a.get("substance"))))
                    // opened by the event's signals, not before the first of them was sent
                    .filter(a -> firstRequest.get(e.index()) == null
                            || !Instant.parse(String.valueOf(a.get("openedAt"))).isBefore(firstRequest.get(e.index())))
                    .min((a, b) -> String.valueOf(a.get("openedAt")).compareTo(String.valueOf(b.get("openedAt"))))
                    .ifPresent(a -> found.put(e.index(), a));
        }
        return found;
    }

    private static Severity severity(Map<String, Object> alert) {
        try {
            return Severity.valueOf(String.valueOf(alert.get("severity")));
        } catch (IllegalArgumentException e) {
            return Severity.INFO;
        }
    }

    static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
