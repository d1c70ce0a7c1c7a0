package no.rusvarsel.bench;

import no.rusvarsel.bench.loadgen.GeneratedSignal;
import no.rusvarsel.bench.loadgen.LoadGenerator;
import no.rusvarsel.bench.loadgen.ProviderKeys;
import no.rusvarsel.bench.loadgen.Scenario;
import no.rusvarsel.bench.loadgen.Sender;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Single-record POST requests/s: one generated record per request ({@code POST /api/v1/signals/{sourceType}}), 8
 * concurrent clients as fast as the service answers, for a fixed time; against the same requests (same bodies, same
 * keys, same client and concurrency) to the service's bare endpoint {@code POST /bench/signals/{sourceType}} (provider
 * API-key authentication, then nothing), which the benchmark's stack enables. Intake and bare endpoint alternate, one
 * repetition each at a time, so both see about the same noise.
 */
final class SinglePostFigure {

    static final String NAME = "single-record POST requests/s, 8 clients";
    private static final int CLIENTS = 8;
    private static final String BARE_PATH = "/bench/signals/";
    /** Records generated per day of a repetition: more than any time box sends, so every request is a new record. */
    private static final int PER_DAY = 20_000;

    private final Stack stack;
    private final ProviderKeys keys;
    private final Bench.Plan plan;
    private final LocalDate start;

    SinglePostFigure(Stack stack, ProviderKeys keys, Bench.Plan plan, LocalDate start) {
        this.stack = stack;
        this.keys = keys;
        this.plan = plan;
        this.start = start;
    }

    Figure run() {
        var f = new Figure(NAME, "requests/s", "≥ 0.5× baseline");
        var intake = Sender.Options.defaults(stack.url("ingest")).withBatchSize(1).withClients(CLIENTS).withRate(0).withMaxRetries(5);
        var bare = intake.withSignalsPath(BARE_PATH);
        // the bare endpoint stores nothing: the same records serve every one of its runs
        var bareRecords = generate(start, 2, "BSX");
        var warmup = new LinkedHashMap<String, Object>();
        warmup.put("intake", describe(send(intake, generate(start, 1, "BSW"), plan.singlePostWarmup())));
        warmup.put("bare", describe(send(bare, bareRecords, plan.singlePostWarmup())));
        f.details.put("warmup", warmup);

        var samples = new ArrayList<Double>();
        var baseline = new ArrayList<Double>();
        var runs = new ArrayList<Map<String, Object>>();
        for (int rep = 0; rep < plan.reps(); rep++) {
            // alternate which goes first
            Sender.Report real;
            Sender.Report none;
            var records = generate(start.plusDays(1L + 2L * rep), 2, "BS" + rep);
            if (rep % 2 == 0) {
                real = send(intake, records, plan.singlePostTime());
                none = send(bare, bareRecords, plan.singlePostTime());
            } else {
                none = send(bare, bareRecords, plan.singlePostTime());
                real = send(intake, records, plan.singlePostTime());
            }
            samples.add(perSecond(real));
            baseline.add(perSecond(none));
            var run = new LinkedHashMap<String, Object>();
            run.put("intake", describe(real));
            run.put("bare", describe(none));
            runs.add(run);
            Bench.log(String.format(java.util.Locale.ROOT, "  single-record POST rep %d: intake %.0f requests/s, bare endpoint %.0f requests/s",
                    rep + 1, perSecond(real), perSecond(none)));
        }
        f.value = new Figure.Stats(samples);
        f.baseline = new Figure.Stats(baseline);
        f.baselineName = "POST " + BARE_PATH + "{sourceType} of the same ingest-service (enabled for the benchmark only: provider "
                + "API-key authentication, body read, fixed 202, no work), same records, client and concurrency";
        f.details.put("runs", runs);
        f.details.put("measure", "requests answered 202 per second of a " + plan.singlePostTime().toSeconds() + " s run: one record a request, "
                + CLIENTS + " concurrent clients (HTTP/1.1, kept-alive), as fast as answered; every intake request a new record "
                + "(ACCEPTED: ledger row + Kafka transaction); warm-up runs of " + plan.singlePostWarmup().toSeconds() + " s first, not counted");
        var ratio = f.ratio();
        f.pass = ratio != null && ratio >= 0.5;
        f.verdict = ratio == null ? "no ratio" : (f.pass ? "met" : "missed")
                + String.format(java.util.Locale.ROOT, " (%.3f× against ≥ 0.5×)", ratio);
        return f;
    }

    private List<GeneratedSignal> generate(LocalDate from, int days, String prefix) {
        return new LoadGenerator(Scenario.of(from, days).withScale(PER_DAY).withSeed(Bench.SEED).withIdPrefix(prefix)).all();
    }

    /** Sends records one a request until {@code time} is up (requests in flight then are answered and counted). */
    private Sender.Report send(Sender.Options options, List<GeneratedSignal> records, Duration time) {
        long deadline = System.nanoTime() + time.toNanos();
        var source = records.iterator();
        Iterator<GeneratedSignal> timed = new Iterator<>() {
            @Override
            public boolean hasNext() {
                return source.hasNext() && System.nanoTime() < deadline;
            }

            @Override
            public GeneratedSignal next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return source.next();
            }
        };
        Stream<GeneratedSignal> stream = StreamSupport.stream(Spliterators.spliteratorUnknownSize(timed, 0), false);
        var report = new Sender(Sender.defaultClient(), options, keys).send(stream, Sender.Listener.NONE);
        if (report.stoppedBecause() != null) {
            throw new IllegalStateException("the sender stopped: " + report.stoppedBecause());
        }
        if (!source.hasNext()) {
            throw new IllegalStateException("ran out of records before the time was up: generate more per day");
        }
        return report;
    }

    private static double perSecond(Sender.Report report) {
        return report.count(202) / (report.elapsed().toNanos() / 1e9);
    }

    private static Map<String, Object> describe(Sender.Report r) {
        var m = new LinkedHashMap<String, Object>();
        m.put("requests", r.requestsByStatus().values().stream().mapToLong(Long::longValue).sum());
        m.put("requestsByStatus", r.requestsByStatus().toString());
        m.put("seconds", r.elapsed().toNanos() / 1e9);
        m.put("answered202PerSecond", perSecond(r));
        m.put("retries", r.retries());
        return m;
    }
}
