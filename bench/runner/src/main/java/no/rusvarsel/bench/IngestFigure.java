package no.rusvarsel.bench;

import no.rusvarsel.bench.loadgen.LoadGenerator;
import no.rusvarsel.bench.loadgen.ProviderKeys;
import no.rusvarsel.bench.loadgen.Scenario;
import no.rusvarsel.bench.loadgen.Sender;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ingest records/s: generated signals (all five source types, every county) sent through the public API as 500-record
 * JSON batches from 8 concurrent clients as fast as the service takes them (the load generator's {@link Sender}), each
 * repetition new records on later days; baseline: Kafka's ProducerPerformance with acks=all and the measured mean
 * envelope size, to a topic with the signals topic's settings, on the same broker.
 */
final class IngestFigure {

    private static final int DAYS_PER_REP = 10;

    private final Stack stack;
    private final ProviderKeys keys;
    private final KafkaBaselines kafka;
    private final Bench.Plan plan;
    private final LocalDate start;

    IngestFigure(Stack stack, ProviderKeys keys, KafkaBaselines kafka, Bench.Plan plan, LocalDate start) {
        this.stack = stack;
        this.keys = keys;
        this.kafka = kafka;
        this.plan = plan;
        this.start = start;
    }

    Figure run() {
        var f = new Figure("ingest records/s, 500-record JSON batches, 8 clients", "records/s", "≥ 0.3× baseline (stretch 0.5×)");
        var options = Sender.Options.defaults(stack.url("ingest")).withBatchSize(500).withClients(8).withRate(0).withMaxRetries(20);
        // warm-up (JIT, connection pools, topic metadata): not measured
        var warmup = send(options, start, 2, plan.ingestWarmup() / 2, "BW");
        f.details.put("warmup", Map.of("records", warmup.sent(), "failed", warmup.failed(), "recordsPerSecond", warmup.recordsPerSecond()));
        // the baseline's record size: the mean envelope the warm-up put on the signals topic
        double[] size = kafka.meanEnvelopeSize(5000);
        int recordSize = (int) Math.round(size[1]);
        String topic = kafka.topicLikeSignals("bench.baseline.producer");
        int records = Math.max(plan.baselineRecords(), plan.ingestRecords());
        Path work;
        try {
            work = Files.createTempDirectory("bench-pp-");
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        var baseline = new ArrayList<Double>();
        var samples = new ArrayList<Double>();
        var runs = new ArrayList<Map<String, Object>>();
        // ingest and baseline alternate, so both see about the same noise of this shared machine
        for (int rep = 0; rep < plan.reps(); rep++) {
            var day = start.plusDays(2L + (long) rep * DAYS_PER_REP);
            var report = send(options, day, DAYS_PER_REP, plan.ingestRecords() / DAYS_PER_REP, "BT" + rep);
            double seconds = report.elapsed().toNanos() / 1e9;
            double rate = report.accepted() / seconds;
            samples.add(rate);
            var run = new LinkedHashMap<String, Object>();
            run.put("sent", report.sent());
            run.put("accepted", report.accepted());
            run.put("failed", report.failed());
            run.put("retries", report.retries());
            run.put("seconds", seconds);
            run.put("acceptedPerSecond", rate);
            run.put("requestsByStatus", report.requestsByStatus().toString());
            runs.add(run);
            Bench.log(String.format(java.util.Locale.ROOT, "  ingest rep %d: %d accepted of %d in %.1f s = %.0f records/s",
                    rep + 1, report.accepted(), report.sent(), seconds, rate));
            double ppRate = kafka.producerPerformance(topic, records, recordSize, work);
            baseline.add(ppRate);
            Bench.log(String.format(java.util.Locale.ROOT, "  ProducerPerformance rep %d: %.0f records/s", rep + 1, ppRate));
        }
        f.value = new Figure.Stats(samples);
        f.details.put("runs", runs);
        f.details.put("measure", "records answered 202 (accepted, not duplicates) per second of the whole send, request "
                + "bodies prepared by the sender's threads; the analytics and alert services consume the same broker meanwhile");

        work.toFile().delete();
        f.baseline = new Figure.Stats(baseline);
        f.baselineName = "Kafka ProducerPerformance (kafka-tools " + org.apache.kafka.common.utils.AppInfoParser.getVersion()
                + "), acks=all, " + records + " records of " + recordSize + " bytes, throughput -1, topic with the settings of "
                + "rusvarsel.signals.v1, same broker, run right after each ingest repetition (the stack's consumers may still be catching up)";
        f.details.put("envelope", Map.of("meanKeyBytes", size[0], "meanValueBytes", size[1], "sampled", size[2]));
        f.details.put("signalsTopic", kafka.describeSignalsTopic());
        var ratio = f.ratio();
        f.pass = ratio != null && ratio >= 0.3;
        f.verdict = ratio == null ? "no ratio" : (f.pass ? "met" : "missed") + String.format(java.util.Locale.ROOT,
                " (%.3f× against ≥ 0.3×%s)", ratio, ratio >= 0.5 ? ", stretch 0.5× met too" : "");
        return f;
    }

    private Sender.Report send(Sender.Options options, LocalDate from, int days, int perDay, String prefix) {
        var scenario = Scenario.of(from, days).withScale(Math.max(1, perDay)).withSeed(Bench.SEED).withIdPrefix(prefix);
        List<no.rusvarsel.bench.loadgen.GeneratedSignal> signals = new LoadGenerator(scenario).all();
        var report = new Sender(Sender.defaultClient(), options, keys).send(signals.stream(), Sender.Listener.NONE);
        if (report.stoppedBecause() != null) {
            throw new IllegalStateException("the sender stopped: " + report.stoppedBecause());
        }
        return report;
    }
}
