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

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * End-to-end latency at one background rate: while quiet background signals flow through the ingest API at
 * {@code rate} records/s, critical probe events (a customs seizure of a CRITICAL watchlist opioid in a county that has no
 * alert for it yet) are posted one at a time; each probe's latency is from its 202 to the OPENED alert event for that
 * county and substance on {@code GET /api/v1/alerts/stream} (SSE), and to the {@code alert.opened} webhook message at a
 * receiver on this machine ({@link WebhookReceiver}). Baseline: raw Kafka produce (acks=all) → consume latency of
 * records of the envelope size at the same rate, on the same broker. Two figures: SSE and webhook, value p99.
 */
final class LatencyFigure {

    /** CRITICAL watchlist opioids: with the 15 counties, 120 county × substance pairs a probe can open an alert for. */
    private static final List<String> SUBSTANCES = List.of("carfentanil", "isotonitazene", "protonitazene", "metonitazene",
            "etonitazene", "butonitazene", "ocfentanil", "brorphine");
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(15);

    private final Stack stack;
    private final ProviderKeys keys;
    private final KafkaBaselines kafka;
    private final Bench.Plan plan;
    private final WebhookReceiver webhook;
    private final double rate;
    private final LocalDate backgroundStart;
    private final Map<String, Instant> opened = new ConcurrentHashMap<>();
    private final AtomicReference<String> streamError = new AtomicReference<>();
    private final AtomicReference<InputStream> stream = new AtomicReference<>();
    private final java.util.concurrent.atomic.AtomicBoolean closing = new java.util.concurrent.atomic.AtomicBoolean();

    /**
     * @param backgroundStart the background is 10 quiet days from here, the probes on the day after: each rate's phase
     *                        has days of its own, later than anything sent before
     */
    LatencyFigure(Stack stack, ProviderKeys keys, KafkaBaselines kafka, Bench.Plan plan, WebhookReceiver webhook, double rate,
                  LocalDate backgroundStart) {
        this.stack = stack;
        this.keys = keys;
        this.kafka = kafka;
        this.plan = plan;
        this.webhook = webhook;
        this.rate = rate;
        this.backgroundStart = backgroundStart;
    }

    static String sseName(double rate) {
        return "end-to-end latency 202 → OPENED alert on the SSE stream, at " + Json.number(rate) + " signals/s";
    }

    static String webhookName(double rate) {
        return "end-to-end latency 202 → alert.opened at a webhook receiver, at " + Json.number(rate) + " signals/s";
    }

    /** The SSE figure and the webhook figure. */
    List<Figure> run() {
        var sse = new Figure(sseName(rate), "ms", "p99 ≤ 1000 ms");
        var hook = new Figure(webhookName(rate), "ms", "p99 ≤ 1000 ms");
        sse.statistic = hook.statistic = "p99";
        var counties = RegionCatalogue.defaultCatalogue().counties().stream().map(Region::code).toList();
        // the analytics first drains what the earlier phases left on the signals topic
        double drained = kafka.awaitSignalsConsumed(Duration.ofSeconds(plan.quick() ? 30 : 120));
        sse.details.put("secondsWaitedForTheAnalyticsToCatchUp", drained < 0 ? "gave up (still lagging)" : drained);
        Bench.log("  analytics caught up with the signals topic: " + (drained < 0 ? "no, gave up" : Json.number(drained) + " s"));
        // a probe must open a new alert: skip county and substance pairs that have one already (earlier phases and
        // probes); the first probe warms the path up and is not counted
        var taken = new HashSet<String>();
        new Alerts(stack).all().forEach(a -> taken.add(a.get("substance") + "|" + a.get("county")));
        var injections = new ArrayList<Injection>();
        for (int i = 0; injections.size() < plan.probes() + 1 && i < counties.size() * SUBSTANCES.size(); i++) {
            var substance = SUBSTANCES.get(i / counties.size());
            var county = counties.get(i % counties.size());
            if (!taken.contains(substance + "|" + county)) {
                injections.add(Injection.of(Injection.Kind.POTENT_OPIOID_SEIZURE, county, 0).withSubstance(substance));
            }
        }
        sse.details.put("skippedPairsWithAnAlert", taken.size());
        var probeDay = backgroundStart.plusDays(10);
        var generator = new LoadGenerator(Scenario.of(probeDay, 1).withScale(1).withSeed(Bench.SEED)
                .withIdPrefix("BP" + Math.round(rate)).withInjections(injections));
        var byId = new LinkedHashMap<String, GeneratedSignal>();
        generator.all().forEach(g -> byId.put(g.externalId(), g));

        // the SSE stream
        var http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        var listener = new Thread(() -> listen(http), "bench-sse");
        listener.setDaemon(true);
        listener.start();
        DetectionFigure.sleep(Duration.ofSeconds(1));

        // background at the phase's rate: quiet signals of the 10 days before the probes' day
        double probeSeconds = plan.probes() * 3 + 10;
        int backgroundRecords = (int) (rate * probeSeconds);
        int batch = (int) Math.max(5, Math.round(rate / 40));
        int clients = rate >= 500 ? 4 : 2;
        var background = new LoadGenerator(Scenario.of(backgroundStart, 10).withScale(Math.max(1, backgroundRecords / 10))
                .withSeed(Bench.SEED).withIdPrefix("BG" + Math.round(rate))).all();
        var bgOptions = Sender.Options.defaults(stack.url("ingest")).withBatchSize(batch).withClients(clients).withRate(rate);
        var bgReport = new AtomicReference<Sender.Report>();
        // the background stops with the last probe (it is sized for the probes' expected time, with room to spare)
        var probesDone = new java.util.concurrent.atomic.AtomicBoolean();
        var source = background.iterator();
        var untilProbesDone = new java.util.Iterator<GeneratedSignal>() {
            @Override
            public boolean hasNext() {
                return !probesDone.get() && source.hasNext();
            }

            @Override
            public GeneratedSignal next() {
                return source.next();
            }
        };
        var bg = new Thread(() -> bgReport.set(new Sender(Sender.defaultClient(), bgOptions, keys).send(
                java.util.stream.StreamSupport.stream(java.util.Spliterators.spliteratorUnknownSize(untilProbesDone, 0), false),
                Sender.Listener.NONE)), "bench-background");
        bg.setDaemon(true);
        bg.start();
        DetectionFigure.sleep(Duration.ofSeconds(2)); // the background is flowing before the first probe

        var probeOptions = Sender.Options.defaults(stack.url("ingest")).withBatchSize(1).withClients(1).withRate(0);
        var viaSse = new ArrayList<Double>();
        var viaWebhook = new ArrayList<Double>();
        var probes = new ArrayList<Map<String, Object>>();
        int missingSse = 0;
        int missingWebhook = 0;
        boolean warmup = true;
        for (var event : generator.groundTruth().events()) {
            var signals = event.signals().stream().map(s -> byId.get(s.externalId())).filter(java.util.Objects::nonNull).toList();
            var receipts = new ArrayList<Sender.Receipt>();
            new Sender(http, probeOptions, keys).send(signals.stream(), b -> {
                synchronized (receipts) {
                    receipts.addAll(b);
                }
            });
            var row = new LinkedHashMap<String, Object>();
            row.put("county", event.county());
            row.put("substance", event.substance());
            if (receipts.isEmpty() || !receipts.get(0).accepted()) {
                row.put("error", receipts.isEmpty() ? "no receipt" : "HTTP " + receipts.get(0).httpStatus());
            } else {
                var answered = receipts.get(0).answeredAt();
                var key = event.substance() + "|" + event.county();
                long deadline = System.nanoTime() + PROBE_TIMEOUT.toNanos();
                while ((!opened.containsKey(key) || webhook.opened(event.county(), event.substance()) == null)
                        && System.nanoTime() < deadline) {
                    DetectionFigure.sleep(Duration.ofMillis(5));
                }
                var onStream = opened.get(key);
                var atHook = webhook.opened(event.county(), event.substance());
                if (onStream != null) {
                    double ms = Duration.between(answered, onStream).toNanos() / 1e6;
                    row.put("sseMs", ms);
                    if (!warmup) {
                        viaSse.add(ms);
                    }
                } else {
                    row.put("sseError", "no OPENED alert on the stream within " + PROBE_TIMEOUT.toSeconds() + " s");
                    missingSse += warmup ? 0 : 1;
                }
                if (atHook != null) {
                    double ms = Duration.between(answered, atHook).toNanos() / 1e6;
                    row.put("webhookMs", ms);
                    if (!warmup) {
                        viaWebhook.add(ms);
                    }
                } else {
                    row.put("webhookError", "no alert.opened at the webhook receiver within " + PROBE_TIMEOUT.toSeconds() + " s");
                    missingWebhook += warmup ? 0 : 1;
                }
            }
            if (warmup) {
                sse.details.put("warmupProbe", row);
                warmup = false;
            } else {
                if (row.containsKey("error")) {
                    missingSse++;
                    missingWebhook++;
                }
                probes.add(row);
            }
            DetectionFigure.sleep(Duration.ofMillis(200));
        }
        boolean backgroundOutlasted = bg.isAlive();
        probesDone.set(true);
        var backgroundSeconds = Duration.ofSeconds(60);
        try {
            bg.join(backgroundSeconds.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeStream();

        var bgr = bgReport.get();
        var backgroundDetails = bgr == null ? Map.<String, Object>of("error", "did not finish") : Map.<String, Object>of(
                "rateGoal", rate, "sent", bgr.sent(), "accepted", bgr.accepted(), "recordsPerSecond", bgr.recordsPerSecond(),
                "batch", batch, "clients", clients, "requestsByStatus", bgr.requestsByStatus().toString(),
                "ranUntilTheLastProbe", backgroundOutlasted);
        if (bgr != null && bgr.recordsPerSecond() < 0.9 * rate) {
            Bench.log(String.format(java.util.Locale.ROOT, "  note: the background reached only %.0f of %.0f records/s", bgr.recordsPerSecond(), rate));
        }
        fill(sse, viaSse, missingSse, probes, backgroundDetails);
        fill(hook, viaWebhook, missingWebhook, probes, backgroundDetails);
        if (streamError.get() != null) {
            sse.details.put("streamError", streamError.get());
        }
        sse.details.put("measure", "one probe at a time after one uncounted warm-up probe (a customs seizure of a CRITICAL watchlist opioid in a "
                + "county without that alert), from the probe's 202 to the OPENED event for that county and substance on the SSE stream "
                + "(ANALYST token), while quiet background signals are sent at " + Json.number(rate) + " records/s; samples: the probes");
        hook.details.put("measure", "the same probes, from the 202 to the arrival of the alert.opened message for that county and substance "
                + "at a webhook receiver on 127.0.0.1 (an ANALYST's WEBHOOK subscription, minSeverity HIGH, allow-listed for the benchmark's "
                + "stack); signatures checked: " + webhook.received() + " messages received so far, " + webhook.badSignatures() + " badly signed");

        // baseline: raw Kafka at the same rate
        double[] size = kafka.meanEnvelopeSize(2000);
        String topic = kafka.topicLikeSignals("bench.baseline.latency");
        int count = (int) Math.max(500, rate * (plan.quick() ? 3 : 10));
        var raw = kafka.produceConsumeLatency(topic, count, (int) Math.round(size[1]), rate);
        for (var f : List.of(sse, hook)) {
            if (raw.isEmpty()) {
                f.baselineReason = "the raw Kafka consumer saw no records";
            } else {
                f.baseline = new Figure.Stats(raw);
                f.baselineName = "raw Kafka produce (acks=all, linger 0) → consume latency, " + raw.size() + " records of "
                        + Math.round(size[1]) + " bytes at " + Json.number(rate) + " records/s, topic with the signals topic's settings";
                f.details.put("baselineP50", f.baseline.percentile(50));
                f.details.put("baselineP95", f.baseline.percentile(95));
                f.details.put("baselineP99", f.baseline.percentile(99));
            }
            int missing = f == sse ? missingSse : missingWebhook;
            if (f.value != null) {
                double p99 = f.headline();
                f.pass = missing == 0 && p99 <= 1000;
                f.verdict = Bench.verdict(f.pass, p99, 1000, "ms") + (missing > 0 ? "; " + missing + " probe(s) without an alert" : "");
            } else {
                f.pass = false;
                f.verdict = "missed: no probe's alert arrived";
            }
        }
        return List.of(sse, hook);
    }

    private void fill(Figure f, List<Double> latencies, int missing, List<Map<String, Object>> probes, Map<String, Object> background) {
        if (!latencies.isEmpty()) {
            f.value = new Figure.Stats(latencies);
            f.details.put("probes", latencies.size());
            f.details.put("p50", f.value.percentile(50));
            f.details.put("p95", f.value.percentile(95));
            f.details.put("p99", f.value.percentile(99));
        } else {
            f.error = "no probe's alert arrived";
        }
        f.details.put("probesWithoutAlert", missing);
        f.details.put("background", background);
        f.details.put("probeResults", probes);
    }

    @SuppressWarnings("unchecked")
    private void listen(HttpClient http) {
        var request = HttpRequest.newBuilder(URI.create(stack.url("alerts") + "/api/v1/alerts/stream"))
                .header("Authorization", "Bearer " + stack.token("ANALYST")).header("Accept", "text/event-stream").build();
        try {
            var response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() != 200) {
                streamError.set("GET /api/v1/alerts/stream answered " + response.statusCode());
                response.body().close();
                return;
            }
            stream.set(response.body());
            var json = ObjectMapper.getDefault();
            var reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8));
            for (String line; (line = reader.readLine()) != null; ) {
                if (!line.startsWith("data:")) {
                    continue;
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
            }
        } catch (Exception e) {
            if (!closing.get()) {
                streamError.compareAndSet(null, e.toString());
            }
        }
    }

    private void closeStream() {
        closing.set(true);
        var in = stream.getAndSet(null);
        if (in != null) {
            try {
                in.close();
            } catch (java.io.IOException ignored) {
                // closing
            }
        }
    }
}
