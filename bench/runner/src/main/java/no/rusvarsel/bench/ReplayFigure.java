package no.rusvarsel.bench;

import no.rusvarsel.bench.loadgen.LoadGenerator;
import no.rusvarsel.bench.loadgen.ProviderKeys;
import no.rusvarsel.bench.loadgen.Scenario;
import no.rusvarsel.bench.loadgen.Sender;
import no.rusvarsel.contracts.catalogue.RegionCatalogue;
import no.rusvarsel.contracts.topic.Topics;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Replay of a history through the whole stack: {@code days} days × every county of generated signals (all five source
 * types; full run ≥ 90 days and ≥ 500 000 signals) sent through the public ingest API as fast as it takes them
 * (500-record batches, 8 clients), then timed until the stack's analytics has consumed all of it. Records/s through the
 * stack = records Kafka holds from the replay / seconds from the first request to the analytics' lag 0. Records dropped
 * is counted at each hand-over: answered 202 but not in the signals topic; in the topic but not consumed by the
 * analytics; dropped by Kafka Streams (its {@code dropped-records} metric: expired windows, unreadable records);
 * dead-lettered (too late, unreadable). Two figures: records/s and records dropped.
 */
final class ReplayFigure {

    static final String RATE_NAME = "replay through the stack: records/s (ingest API → Kafka → analytics caught up)";
    static final String DROPPED_NAME = "replay through the stack: records dropped";

    private final Stack stack;
    private final ProviderKeys keys;
    private final KafkaBaselines kafka;
    private final Bench.Plan plan;
    private final LocalDate start;

    ReplayFigure(Stack stack, ProviderKeys keys, KafkaBaselines kafka, Bench.Plan plan, LocalDate start) {
        this.stack = stack;
        this.keys = keys;
        this.kafka = kafka;
        this.plan = plan;
        this.start = start;
    }

    List<Figure> run() {
        int counties = RegionCatalogue.defaultCatalogue().counties().size();
        var scope = plan.replayDays() + " days × " + counties + " counties, " + plan.replayScale() + " signals a day"
                + (plan.quick() ? " (quick: scaled down)" : "");
        var rate = new Figure(RATE_NAME, "records/s", "none (reported); the full run replays ≥ 90 days and ≥ 500 000 signals");
        var dropped = new Figure(DROPPED_NAME, "records", "0 dropped");
        rate.baselineReason = dropped.baselineReason = "absolute figure, no baseline (the issue's table gives none)";
        // the analytics is idle first, so what it does afterwards is the replay's
        double drained = kafka.awaitSignalsConsumed(Duration.ofSeconds(plan.quick() ? 60 : 180));
        rate.details.put("secondsWaitedForTheAnalyticsToCatchUpBefore", drained < 0 ? "gave up (still lagging)" : drained);
        long topicBefore = kafka.countCommitted(Topics.SIGNALS.name(), Duration.ofSeconds(120));
        long deadBefore = kafka.countCommitted(Topics.SIGNALS_DLQ.name(), Duration.ofSeconds(60));
        var metricsBefore = analyticsMetrics();

        var scenario = Scenario.of(start, plan.replayDays()).withScale(plan.replayScale()).withSeed(Bench.SEED).withIdPrefix("BR");
        var options = Sender.Options.defaults(stack.url("ingest")).withBatchSize(500).withClients(8).withRate(0).withMaxRetries(20);
        Bench.log("  replaying " + scope + " through the ingest API");
        long t0 = System.nanoTime();
        var report = new Sender(Sender.defaultClient(), options, keys).send(new LoadGenerator(scenario).stream(), Sender.Listener.NONE);
        long t1 = System.nanoTime();
        if (report.stoppedBecause() != null) {
            throw new IllegalStateException("the sender stopped: " + report.stoppedBecause());
        }
        Bench.log(String.format(java.util.Locale.ROOT, "  replay sent: %d records in %.1f s (%.0f records/s), waiting for the analytics",
                report.sent(), (t1 - t0) / 1e9, report.sent() / ((t1 - t0) / 1e9)));
        double caughtUp = kafka.awaitSignalsConsumed(plan.replayWait());
        long t2 = System.nanoTime();
        long lag = kafka.analyticsLag();
        long topicAfter = kafka.countCommitted(Topics.SIGNALS.name(), Duration.ofSeconds(180));
        long deadAfter = kafka.countCommitted(Topics.SIGNALS_DLQ.name(), Duration.ofSeconds(60));
        var metricsAfter = analyticsMetrics();

        long newVersions = report.accepted() + report.corrected();
        long inTopic = topicAfter - topicBefore;
        long lostBeforeKafka = Math.max(0, newVersions - inTopic);
        long deadLettered = deadAfter - deadBefore;
        double streamsDropped = delta(metricsBefore, metricsAfter, "kafka_streams_dropped_records");
        double late = delta(metricsBefore, metricsAfter, "rusvarsel_analytics_late_records_total");
        long total = lostBeforeKafka + Math.max(0, lag) + Math.round(Math.max(0, streamsDropped)) + deadLettered;

        double seconds = (t2 - t0) / 1e9;
        rate.value = new Figure.Stats(List.of(inTopic / seconds));
        rate.details.put("scope", scope);
        rate.details.put("signals", report.sent());
        rate.details.put("accepted", report.accepted());
        rate.details.put("duplicates", report.duplicates());
        rate.details.put("corrected", report.corrected());
        rate.details.put("failed", report.failed());
        rate.details.put("requestsByStatus", report.requestsByStatus().toString());
        rate.details.put("retries", report.retries());
        rate.details.put("secondsSending", (t1 - t0) / 1e9);
        rate.details.put("ingestRecordsPerSecond", report.sent() / ((t1 - t0) / 1e9));
        rate.details.put("secondsAnalyticsBehindAfterTheLast202", caughtUp < 0 ? "gave up after " + plan.replayWait().toSeconds() + " s" : caughtUp);
        rate.details.put("secondsThroughTheStack", seconds);
        rate.details.put("measure", "new records in " + Topics.SIGNALS.name() + " (read_committed) / seconds from the first request to the "
                + "analytics' consumer-group lag 0 on the signals topic; 500-record JSON batches, 8 clients, as fast as ingest answers; "
                + "generated in order of arrival (wastewater 2 days late, syringes 3), every record new");

        dropped.value = new Figure.Stats(List.of((double) total));
        var parts = new LinkedHashMap<String, Object>();
        parts.put("answered202ButNotInTheSignalsTopic", lostBeforeKafka);
        parts.put("newVersionsAnswered202", newVersions);
        parts.put("newRecordsInTheSignalsTopic", inTopic);
        parts.put("notConsumedByTheAnalytics (lag at the end)", lag);
        parts.put("droppedByKafkaStreams (kafka_streams_dropped_records)", streamsDropped);
        parts.put("deadLettered (rusvarsel.signals.dlq.v1)", deadLettered);
        parts.put("lateRecordsCounter (rusvarsel_analytics_late_records_total)", late);
        parts.put("notAnswered202 (failed requests: refused, not dropped)", report.failed());
        dropped.details.put("breakdown", parts);
        dropped.details.put("measure", "records answered 202 that did not reach the analytics' results: not in the topic + not consumed "
                + "+ dropped by Kafka Streams + dead-lettered; the analytics' counters from its /prometheus before and after");
        boolean fullScope = plan.quick() || (plan.replayDays() >= 90 && report.sent() >= 500_000);
        dropped.pass = total == 0 && report.failed() == 0 && fullScope;
        dropped.verdict = (dropped.pass ? "met" : "missed") + " (" + total + " dropped of " + newVersions + " new versions; "
                + report.failed() + " not accepted; " + report.sent() + " signals, " + scope + ")";
        rate.verdict = String.format(java.util.Locale.ROOT, "reported: %.0f records/s through the stack (ingest alone %.0f records/s)",
                inTopic / seconds, report.sent() / ((t1 - t0) / 1e9));
        return List.of(rate, dropped);
    }

    private static double delta(Map<String, Double> before, Map<String, Double> after, String name) {
        return after.getOrDefault(name, Double.NaN) - before.getOrDefault(name, Double.NaN);
    }

    /** Sums of the analytics' Prometheus series by name (all label sets), read with an ANALYST token. */
    private Map<String, Double> analyticsMetrics() {
        var sums = new LinkedHashMap<String, Double>();
        try {
            var response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(stack.url("analytics") + "/prometheus"))
                    .header("Authorization", "Bearer " + stack.token("ANALYST")).timeout(Duration.ofSeconds(20)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return sums;
            }
            for (var line : response.body().split("\n")) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                int space = line.lastIndexOf(' ');
                var series = line.substring(0, space);
                int brace = series.indexOf('{');
                var name = brace < 0 ? series : series.substring(0, brace);
                if (name.equals("kafka_streams_dropped_records") || name.equals("rusvarsel_analytics_late_records_total")) {
                    try {
                        double v = Double.parseDouble(line.substring(space + 1));
                        if (!Double.isNaN(v)) {
                            sums.merge(name, v, Double::sum);
                        }
                    } catch (NumberFormatException ignored) {
                        // not a number
                    }
                }
            }
        } catch (java.io.IOException e) {
            Bench.log("could not read the analytics' metrics: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return sums;
    }
}
