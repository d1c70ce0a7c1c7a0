package no.rusvarsel.devstack.faults;

import no.rusvarsel.bench.loadgen.GroundTruth;
import no.rusvarsel.bench.loadgen.LoadGenerator;
import no.rusvarsel.bench.loadgen.Scenario;
import no.rusvarsel.bench.loadgen.Sender;
import no.rusvarsel.contracts.catalogue.RegionCatalogue;
import no.rusvarsel.contracts.detection.Severity;
import no.rusvarsel.contracts.signal.ObservedAt;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A sustained load of the load generator's signals (with its standard injected events and their ground truth) sent
 * through the real ingest API by the loadgen {@link Sender} in the background, every record's receipt kept; and the
 * checks after recovery: signals in the topic, alerts per injected CRITICAL event, webhook deliveries.
 */
final class FaultLoad {

    /** Counties: the six largest get one injected event each, two stay quiet. */
    static final List<String> COUNTIES = List.of("03", "46", "50", "32", "33", "31", "42", "55");

    final LoadGenerator generator;
    final GroundTruth truth;
    /** Records to send; for an open-ended load, those sent once it has finished. */
    volatile int total;
    private final AtomicLong dispatched = new AtomicLong();
    private final Map<String, Sender.Receipt> receipts = new ConcurrentHashMap<>();
    private final AtomicLong answered = new AtomicLong();
    private CompletableFuture<Sender.Report> report;
    /** Every HTTP attempt of the Sender. */
    final RecordingHttpClient http = new RecordingHttpClient(Sender.defaultClient());

    /** The scenario's standard injected events in {@link #COUNTIES}. */
    FaultLoad(int days, int scale, String idPrefix) {
        this(Scenario.of(LocalDate.now(ObservedAt.ZONE).minusDays(days), days).withCounties(COUNTIES).withScale(scale)
                .withSeed(Scenario.DEFAULT_SEED).withIdPrefix(idPrefix).withStandardInjections(RegionCatalogue.defaultCatalogue()));
    }

    /** Background only, in {@code counties} (a filler that keeps the load up until stopped). */
    FaultLoad(int days, int scale, String idPrefix, List<String> counties) {
        this(Scenario.of(LocalDate.now(ObservedAt.ZONE).minusDays(days), days).withCounties(counties).withScale(scale)
                .withSeed(Scenario.DEFAULT_SEED + 1).withIdPrefix(idPrefix));
    }

    private FaultLoad(Scenario scenario) {
        generator = new LoadGenerator(scenario);
        truth = generator.groundTruth();
        total = generator.all().size();
    }

    /** Starts sending at {@code rate} records/s in batches of {@code batch} from 4 clients, retrying for a long while. */
    void start(FaultStack stack, double rate, int batch) {
        start(stack, rate, batch, null);
    }

    /** As {@link #start(FaultStack, double, int)}, ending early (what was taken is sent) once {@code stop} is set. */
    void start(FaultStack stack, double rate, int batch, java.util.concurrent.atomic.AtomicBoolean stop) {
        var options = Sender.Options.defaults(stack.url("ingest-service")).withBatchSize(batch).withClients(4).withRate(rate)
                .withMaxRetries(400);
        var sender = new Sender(http, options, stack.senderKeys());
        var stream = generator.all().stream();
        if (stop != null) {
            stream = stream.takeWhile(s -> !stop.get());
        }
        var counted = stream.peek(s -> dispatched.incrementAndGet());
        report = CompletableFuture.supplyAsync(() -> sender.send(counted, list -> {
            for (var r : list) {
                receipts.put(r.sourceType().path() + "|" + r.externalId(), r);
            }
            answered.addAndGet(list.size());
        }));
    }

    /** Records answered so far (202 or given up). */
    long answered() {
        return answered.get();
    }

    /** Blocks until the first signal of an injected CRITICAL event has its 202, so a fault then hits the events in flight. */
    void awaitFirstCriticalSignal(Duration timeout) throws InterruptedException {
        var keys = truth.events().stream().filter(e -> e.severity() == Severity.CRITICAL).flatMap(e -> e.signals().stream())
                .map(s -> s.sourceType() + "|" + s.externalId()).toList();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (keys.stream().noneMatch(k -> receipts.containsKey(k) && receipts.get(k).accepted())) {
            if (System.nanoTime() > deadline || !running()) {
                throw new AssertionError("no signal of an injected CRITICAL event was accepted within " + timeout.toSeconds() + " s");
            }
            Thread.sleep(100);
        }
    }

    /** Blocks until {@code fraction} of the records are answered (or the sending ended). */
    void awaitProgress(double fraction, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (answered.get() < fraction * total && !report.isDone()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("load stalled at " + answered.get() + " of " + total + " records");
            }
            Thread.sleep(100);
        }
    }

    Sender.Report finish(Duration timeout) throws Exception {
        var r = report.get(timeout.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
        total = (int) dispatched.get();
        return r;
    }

    boolean running() {
        return report != null && !report.isDone();
    }

    List<Sender.Receipt> receipts() {
        return List.copyOf(receipts.values());
    }

    // ------------------------------------------------------------------ checks

    /** Numbers and problems of the signals check. */
    record SignalCheck(int sent, int accepted202, int distinctSignals, int topicRecords, List<String> notAccepted,
                       List<String> lost, List<String> duplicated) {
        boolean ok() {
            return notAccepted.isEmpty() && lost.isEmpty() && duplicated.isEmpty();
        }

        String describe() {
            return String.format("signals: %d sent, %d answered 202, %d distinct signal ids, %d records in rusvarsel.signals.v1; "
                            + "not accepted %d%s; lost %d%s; duplicated (signalId, version) %d%s", sent, accepted202, distinctSignals,
                    topicRecords, notAccepted.size(), head(notAccepted), lost.size(), head(lost), duplicated.size(), head(duplicated));
        }
    }

    /** A moment of a fault: [from, to] (the same instant for a kill). */
    record FaultWindow(String what, java.time.Instant from, java.time.Instant to) {
        boolean overlaps(Sender.Receipt r) {
            return !r.sentAt().isAfter(to) && !r.answeredAt().isBefore(from);
        }
    }

    /**
     * Every record got a 202, every 202's signal id is in the topic, no (signalId, version) twice; a duplicate names
     * the fault its request was in flight at, if any, to help find the cause.
     */
    SignalCheck checkSignals(List<Map<String, Object>> topic, List<FaultWindow> faults) {
        var perVersion = new HashMap<String, Integer>();
        var inTopic = new HashMap<String, Integer>();
        for (var record : topic) {
            var id = String.valueOf(record.get("signalId"));
            perVersion.merge(id + " v" + record.get("version"), 1, Integer::sum);
            inTopic.merge(id, 1, Integer::sum);
        }
        var notAccepted = new ArrayList<String>();
        var lost = new ArrayList<String>();
        var distinct = new java.util.HashSet<String>();
        int accepted = 0;
        for (var r : receipts()) {
            if (!r.accepted()) {
                notAccepted.add(r.sourceType().path() + "/" + r.externalId() + " (HTTP " + r.httpStatus() + ")");
                continue;
            }
            accepted++;
            if (r.signalId() == null) {
                lost.add(r.sourceType().path() + "/" + r.externalId() + " (202 without a signalId)");
                continue;
            }
            distinct.add(r.signalId());
            if (!inTopic.containsKey(r.signalId())) {
                lost.add(r.sourceType().path() + "/" + r.externalId() + " signalId " + r.signalId() + " (" + r.status() + ")");
            }
        }
        if (receipts.size() != total) {
            notAccepted.add((total - receipts.size()) + " records without any receipt");
        }
        var inFlight = new HashMap<String, String>();
        for (var r : receipts()) {
            if (r.signalId() != null) {
                faults.stream().filter(f -> f.overlaps(r)).findFirst().ifPresent(f -> inFlight.put(r.signalId(), f.what()));
            }
        }
        var duplicated = new ArrayList<String>();
        // only this load's signals: another load's are checked (and attributed to their faults) by that load
        perVersion.entrySet().stream().filter(e -> e.getValue() > 1)
                .filter(e -> distinct.contains(e.getKey().substring(0, e.getKey().indexOf(' '))))
                .sorted(Map.Entry.comparingByKey()).forEach(e -> {
            var id = e.getKey().substring(0, e.getKey().indexOf(' '));
            duplicated.add(e.getKey() + " ×" + e.getValue() + (inFlight.containsKey(id) ? " (in flight at " + inFlight.get(id) + ")" : ""));
        });
        return new SignalCheck(total, accepted, distinct.size(), topic.size(), notAccepted, lost, duplicated);
    }

    /** Numbers and problems of the alerts check. */
    record AlertCheck(int criticalEvents, int criticalFound, int alerts, List<String> missed, List<String> duplicateEpisodes,
                      Map<String, Integer> alertsPerEvent) {
        boolean ok() {
            return missed.isEmpty() && duplicateEpisodes.isEmpty();
        }

        String describe() {
            return String.format("alerts: %d CRITICAL injected events, %d found (alerts per event, by episode: %s), %d alerts in all; "
                            + "missed %d%s; episodes with more than one alert %d%s", criticalEvents, criticalFound, alertsPerEvent, alerts,
                    missed.size(), head(missed), duplicateEpisodes.size(), head(duplicateEpisodes));
        }
    }

    /**
     * Every injected CRITICAL event has a CRITICAL alert in its county for its substance (or class), and no episode key
     * has more than one alert (nothing is resolved in these tests, so a second alert for a key is a duplicate).
     */
    static AlertCheck checkAlerts(List<FaultLoad> loads, List<Map<String, Object>> alerts) {
        var byEpisode = new TreeMap<String, List<String>>();
        for (var a : alerts) {
            byEpisode.computeIfAbsent(String.valueOf(a.get("episodeKey")), k -> new ArrayList<>()).add(String.valueOf(a.get("alertId")));
        }
        var duplicates = byEpisode.entrySet().stream().filter(e -> e.getValue().size() > 1)
                .map(e -> e.getKey() + " → " + e.getValue()).toList();
        var missed = new ArrayList<String>();
        var perEvent = new LinkedHashMap<String, Integer>();
        int critical = 0, found = 0;
        for (var e : loads.stream().flatMap(l -> l.truth.events().stream()).toList()) {
            if (e.severity() != Severity.CRITICAL) {
                continue;
            }
            critical++;
            var matching = alerts.stream()
                    .filter(a -> e.county().equals(String.valueOf(a.get("county"))))
                    .filter(a -> "CRITICAL".equals(String.valueOf(a.get("severity"))))
                    .filter(a -> e.substance().equalsIgnoreCase(String.valueOf(a.get("substance")))
                            || (a.get("substance") == null && String.valueOf(e.substanceClass()).equals(String.valueOf(a.get("substanceClass")))))
                    .toList();
            var key = e.kind() + " " + e.county() + " " + e.substance();
            perEvent.put(key, (int) matching.stream().map(a -> a.get("episodeKey")).distinct().count());
            if (matching.isEmpty()) {
                missed.add(key);
            } else {
                found++;
            }
        }
        return new AlertCheck(critical, found, alerts.size(), missed, duplicates, perEvent);
    }

    /** Numbers and problems of the webhook check. */
    record WebhookCheck(int deliveries, int distinctChanges, int alertsNotified, List<String> notNotified,
                        List<String> severityNotNotified, Map<String, java.util.Set<String>> severalIds) {
        boolean ok() {
            return notNotified.isEmpty() && severityNotNotified.isEmpty() && severalIds.isEmpty();
        }

        String describe() {
            return String.format("webhooks: %d deliveries received, %d distinct alert changes, %d alerts notified; never notified %d%s; "
                            + "current severity never notified %d%s; alert changes with several webhook-ids %d%s", deliveries, distinctChanges,
                    alertsNotified, notNotified.size(), head(notNotified), severityNotNotified.size(), head(severityNotNotified),
                    severalIds.size(), severalIds.isEmpty() ? "" : ": " + severalIds);
        }
    }

    /**
     * Every alert a filterless subscription gets (all but PROVIDER_SILENT) was delivered at least once, its current
     * severity too (a rise re-notifies), and no alert change came with two different webhook-ids.
     */
    static WebhookCheck checkWebhooks(List<Map<String, Object>> alerts, WebhookReceiver receiver) {
        var received = receiver.received().stream().filter(r -> !"test".equals(r.type())).toList();
        var byAlert = new HashMap<String, List<WebhookReceiver.Received>>();
        received.forEach(r -> byAlert.computeIfAbsent(r.alertId(), k -> new ArrayList<>()).add(r));
        var notNotified = new ArrayList<String>();
        var severityMissing = new ArrayList<String>();
        int notified = 0;
        for (var a : alerts) {
            if (String.valueOf(a.get("rules")).contains("PROVIDER_SILENT")) {
                continue;
            }
            var id = String.valueOf(a.get("alertId"));
            var got = byAlert.getOrDefault(id, List.of());
            if (got.isEmpty()) {
                notNotified.add(id + " " + a.get("episodeKey") + " " + a.get("severity"));
                continue;
            }
            notified++;
            if (got.stream().noneMatch(r -> r.severity().equals(String.valueOf(a.get("severity"))))) {
                severityMissing.add(id + " " + a.get("episodeKey") + " is " + a.get("severity") + ", notified "
                        + got.stream().map(WebhookReceiver.Received::severity).distinct().toList());
            }
        }
        int distinct = (int) received.stream().map(WebhookReceiver.Received::eventId).distinct().count();
        return new WebhookCheck(received.size(), distinct, notified, notNotified, severityMissing, receiver.changesWithSeveralIds());
    }

    /** Attempts answered with something else than 202, or 503 without Retry-After (no answer, status 0, is allowed). */
    List<String> badAnswers() {
        return http.attempts().stream().filter(a -> a.status() != 0 && a.status() != 202 && !(a.status() == 503 && a.retryAfter()))
                .map(a -> "HTTP " + a.status() + (a.retryAfter() ? "" : " without Retry-After") + " at " + a.answeredAt()).toList();
    }

    /** Attempts answered 503 with Retry-After between {@code from} and {@code to}. */
    long unavailableBetween(java.time.Instant from, java.time.Instant to) {
        return http.attempts().stream().filter(a -> a.status() == 503 && a.retryAfter())
                .filter(a -> !a.answeredAt().isBefore(from) && !a.answeredAt().isAfter(to)).count();
    }

    /** Count of attempts by status (0: no answer). */
    Map<Integer, Long> attemptsByStatus() {
        var counts = new TreeMap<Integer, Long>();
        http.attempts().forEach(a -> counts.merge(a.status(), 1L, Long::sum));
        return counts;
    }

    static String head(List<String> items) {
        if (items.isEmpty()) {
            return "";
        }
        return ": " + String.join(", ", items.subList(0, Math.min(20, items.size()))) + (items.size() > 20 ? ", …" : "");
    }
}
