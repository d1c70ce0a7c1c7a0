package no.rusvarsel.bench;

import io.micronaut.core.type.Argument;
import io.micronaut.serde.ObjectMapper;
import no.rusvarsel.bench.loadgen.GeneratedSignal;
import no.rusvarsel.bench.loadgen.Injection;
import no.rusvarsel.bench.loadgen.LoadGenerator;
import no.rusvarsel.bench.loadgen.ProviderKeys;
import no.rusvarsel.bench.loadgen.Scenario;
import no.rusvarsel.bench.loadgen.Sender;
import no.rusvarsel.contracts.catalogue.Region;
import no.rusvarsel.contracts.catalogue.RegionCatalogue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * End-to-end latency: while background signals flow at a modest rate, critical probe events (a customs seizure of a
 * watchlist opioid in a county that has no alert for it yet) are posted one at a time; latency is from the probe's 202
 * to the OPENED alert event for that county and substance on {@code GET /api/v1/alerts/stream}. Baseline: raw Kafka
 * produce (acks=all) → consume latency of records of the envelope size at the same rate, on the same broker.
 */
final class LatencyFigure {

    private static final List<String> SUBSTANCES = List.of("carfentanil", "isotonitazene", "protonitazene", "metonitazene");
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(15);

    private final Stack stack;
    private final ProviderKeys keys;
    private final KafkaBaselines kafka;
    private final Bench.Plan plan;
    private final LocalDate today;
    private final Map<String, Instant> opened = new ConcurrentHashMap<>();
    private final AtomicReference<String> streamError = new AtomicReference<>();

    LatencyFigure(Stack stack, ProviderKeys keys, KafkaBaselines kafka, Bench.Plan plan, LocalDate today) {
        this.stack = stack;
        this.keys = keys;
        this.kafka = kafka;
        this.plan = plan;
        this.today = today;
    }

    Figure run() {
        var f = new Figure("end-to-end latency p99, 202 → OPENED alert on the SSE stream", "ms", "p99 ≤ 1000 ms");
        var counties = RegionCatalogue.defaultCatalogue().counties().stream().map(Region::code).toList();
        // the analytics first drains what the earlier phases left on the signals topic
        double drained = kafka.awaitSignalsConsumed(Duration.ofSeconds(plan.quick() ? 30 : 120));
        f.details.put("secondsWaitedForTheAnalyticsToCatchUp", drained < 0 ? "gave up (still lagging)" : drained);
        Bench.log("  analytics caught up with the signals topic: " + (drained < 0 ? "no, gave up" : Json.number(drained) + " s"));
        // a probe must open a new alert: skip county and substance pairs that have one already (e.g. from the
        // detection phase); the first probe warms the path up and is not counted
        var taken = new java.util.HashSet<String>();
        new Alerts(stack).all().forEach(a -> taken.add(a.get("substance") + "|" + a.get("county")));
        var injections = new ArrayList<Injection>();
        for (int i = 0; injections.size() < plan.probes() + 1 && i < counties.size() * SUBSTANCES.size(); i++) {
            var substance = SUBSTANCES.get(i / counties.size());
            var county = counties.get(i % counties.size());
            if (!taken.contains(substance + "|" + county)) {
                injections.add(Injection.of(Injection.Kind.POTENT_OPIOID_SEIZURE, county, 0).withSubstance(substance));
            }
        }
        f.details.put("skippedPairsWithAnAlert", taken.size());
        var generator = new LoadGenerator(Scenario.of(today.minusDays(1), 1).withScale(1).withSeed(Bench.SEED).withIdPrefix("BP").withInjections(injections));
        var byId = new LinkedHashMap<String, GeneratedSignal>();
        generator.all().forEach(g -> byId.put(g.externalId(), g));

        // the SSE stream
        var http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        var sse = new Thread(() -> listen(http), "bench-sse");
        sse.setDaemon(true);
        sse.start();
        DetectionFigure.sleep(Duration.ofSeconds(1));

        // background at the probe-phase rate, quiet signals of the days before today
        double probeSeconds = plan.probes() * 1.2 + 5;
        int backgroundRecords = (int) (plan.backgroundRate() * probeSeconds);
        int days = 10;
        var background = new LoadGenerator(Scenario.of(today.minusDays(days + 1L), days).withScale(Math.max(1, backgroundRecords / days))
                .withSeed(Bench.SEED).withIdPrefix("BG")).all();
        var bgOptions = Sender.Options.defaults(stack.url("ingest")).withBatchSize(10).withClients(2).withRate(plan.backgroundRate());
        var bgReport = new AtomicReference<Sender.Report>();
        var bg = new Thread(() -> bgReport.set(new Sender(Sender.defaultClient(), bgOptions, keys).send(background.stream(),
                Sender.Listener.NONE)), "bench-background");
        bg.setDaemon(true);
        bg.start();

        var probeOptions = Sender.Options.defaults(stack.url("ingest")).withBatchSize(1).withClients(1).withRate(0);
        var latencies = new ArrayList<Double>();
        var probes = new ArrayList<Map<String, Object>>();
        int missing = 0;
        boolean warmup = true;
        for (var event : generator.groundTruth().events()) {
            var signals = event.signals().stream().map(s -> byId.get(s.externalId())).filter(java.util.Objects::nonNull).toList();
            var receipts = new ArrayList<Sender.Receipt>();
            new Sender(http, probeOptions, keys).send(signals.stream(), batch -> {
                synchronized (receipts) {
                    receipts.addAll(batch);
                }
            });
            var row = new LinkedHashMap<String, Object>();
            row.put("county", event.county());
            row.put("substance", event.substance());
            if (receipts.isEmpty() || !receipts.get(0).accepted()) {
                row.put("error", receipts.isEmpty() ? "no receipt" : "HTTP " + receipts.get(0).httpStatus());
                if (warmup) {
                    f.details.put("warmupProbe", row);
                    warmup = false;
                } else {
                    probes.add(row);
                    missing++;
                }
                continue;
            }
            var answered = receipts.get(0).answeredAt();
            var key = event.substance() + "|" + event.county();
            long deadline = System.nanoTime() + PROBE_TIMEOUT.toNanos();
            while (!opened.containsKey(key) && System.nanoTime() < deadline) {
                DetectionFigure.sleep(Duration.ofMillis(5));
            }
            var seen = opened.get(key);
            if (seen == null) {
                row.put("error", "no OPENED alert on the stream within " + PROBE_TIMEOUT.toSeconds() + " s");
                missing++;
            } else {
                double ms = Duration.between(answered, seen).toNanos() / 1e6;
                row.put("ms", ms);
                if (!warmup) {
                    latencies.add(ms);
                }
            }
            if (warmup) {
                f.details.put("warmupProbe", row);
                if (row.containsKey("error")) {
                    missing--;
                }
                warmup = false;
            } else {
                probes.add(row);
            }
            DetectionFigure.sleep(Duration.ofMillis(200));
        }
        try {
            bg.join(Duration.ofSeconds(120).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sse.interrupt();

        if (!latencies.isEmpty()) {
            f.value = new Figure.Stats(List.of(percentile(latencies, 99)));
            f.details.put("probes", latencies.size());
            f.details.put("p50", percentile(latencies, 50));
            f.details.put("p95", percentile(latencies, 95));
            f.details.put("p99", percentile(latencies, 99));
            f.details.put("max", Collections.max(latencies));
        }
        f.details.put("probesWithoutAlert", missing);
        f.details.put("probeResults", probes);
        var bgr = bgReport.get();
        f.details.put("background", bgr == null ? "did not finish" : Map.of("rateGoal", plan.backgroundRate(), "sent", bgr.sent(),
                "accepted", bgr.accepted(), "recordsPerSecond", bgr.recordsPerSecond()));
        if (streamError.get() != null) {
            f.details.put("streamError", streamError.get());
        }
        f.details.put("measure", "one probe at a time after one uncounted warm-up probe (a customs seizure of a CRITICAL watchlist opioid in a county without "
                + "that alert), from the probe's 202 to the OPENED event for that county and substance on the SSE stream, "
                + "while quiet background signals are sent at " + Json.number(plan.backgroundRate()) + " records/s");

        // baseline: raw Kafka at the same rate
        double[] size = kafka.meanEnvelopeSize(2000);
        String topic = kafka.topicLikeSignals("bench.baseline.latency");
        int count = (int) Math.max(200, plan.backgroundRate() * (plan.quick() ? 5 : 20));
        var raw = kafka.produceConsumeLatency(topic, count, (int) Math.round(size[1]), plan.backgroundRate());
        if (!raw.isEmpty()) {
            f.baseline = new Figure.Stats(List.of(percentile(raw, 99)));
            f.baselineName = "raw Kafka produce (acks=all, linger 0) → consume latency p99, " + raw.size() + " records of "
                    + Math.round(size[1]) + " bytes at " + Json.number(plan.backgroundRate()) + " records/s, topic with the signals topic's settings";
            f.details.put("baselineP50", percentile(raw, 50));
            f.details.put("baselineP95", percentile(raw, 95));
            f.details.put("baselineP99", percentile(raw, 99));
        } else {
            f.baselineReason = "the raw Kafka consumer saw no records";
        }
        if (f.value != null) {
            double p99 = f.value.median();
            f.pass = missing == 0 && p99 <= 1000;
            f.verdict = Bench.verdict(f.pass, p99, 1000, "ms") + (missing > 0 ? "; " + missing + " probe(s) without an alert" : "");
        } else {
            f.pass = false;
            f.verdict = "missed: no probe reached the stream";
        }
        return f;
    }

    @SuppressWarnings("unchecked")
    private void listen(HttpClient http) {
        var request = HttpRequest.newBuilder(URI.create(stack.url("alerts") + "/api/v1/alerts/stream"))
                .header("Authorization", "Bearer " + stack.token("ANALYST")).header("Accept", "text/event-stream").build();
        try {
            var response = http.send(request, HttpResponse.BodyHandlers.ofLines());
            if (response.statusCode() != 200) {
                streamError.set("GET /api/v1/alerts/stream answered " + response.statusCode());
                return;
            }
            var json = ObjectMapper.getDefault();
            response.body().forEach(line -> {
                if (Thread.currentThread().isInterrupted() || !line.startsWith("data:")) {
                    return;
                }
                var now = Instant.now();
                try {
                    var event = json.readValue(line.substring(5).trim(), Argument.mapOf(String.class, Object.class));
                    if ("OPENED".equals(event.get("type"))) {
                        String substance = String.valueOf(event.get("substance"));
                        String region = String.valueOf(event.get("region"));
                        opened.putIfAbsent(substance + "|" + region, now);
                        if (region.length() > 2) {
                            opened.putIfAbsent(substance + "|" + region.substring(0, 2), now);
                        }
                    }
                } catch (Exception ignored) {
                    // heartbeats and other events
                }
            });
        } catch (Exception e) {
            streamError.compareAndSet(null, e.toString());
        }
    }

    static double percentile(List<Double> values, double p) {
        var sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int index = (int) Math.ceil(p / 100 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
}
