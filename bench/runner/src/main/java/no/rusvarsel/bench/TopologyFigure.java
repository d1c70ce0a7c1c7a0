package no.rusvarsel.bench;

import no.rusvarsel.analytics.AnalyticsTopology;
import no.rusvarsel.analytics.intake.LatePolicy;
import no.rusvarsel.analytics.rules.RuleContext;
import no.rusvarsel.analytics.spike.SpikeSettings;
import no.rusvarsel.analytics.watchlist.Watchlist;
import no.rusvarsel.contracts.catalogue.RegionCatalogue;
import no.rusvarsel.contracts.catalogue.SubstanceCatalogue;
import no.rusvarsel.contracts.topic.Topics;
import no.rusvarsel.contracts.topic.TransactionalProducers;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Analytics topology records/s on a replayed backlog: the production topology, built by analytics-service's own
 * {@link AnalyticsTopology#build} (the function the service runs, with the service's default settings), run by one
 * Kafka Streams instance in this JVM with a new application id, so it replays the signals topic of the stack from the
 * beginning (everything the earlier phases ingested); timed until its committed offsets reach the target. Baseline: a
 * pass-through topology (the same topic read as bytes, written unchanged to a new topic) with the same guarantee
 * ({@code exactly_once_v2}), commit interval, thread count and backlog, on the same broker. They alternate.
 */
final class TopologyFigure {

    static final String NAME = "analytics topology records/s on a replayed backlog";
    /** The service's own settings (analytics-service application.yml defaults). */
    private static final int COMMIT_INTERVAL_MS = 100;
    private static final int THREADS = 1;

    private final KafkaBaselines kafka;
    private final Bench.Plan plan;
    private int runs;

    TopologyFigure(KafkaBaselines kafka, Bench.Plan plan) {
        this.kafka = kafka;
        this.plan = plan;
    }

    /** One timed run: records committed, seconds from the first commit to the target, and from the start. */
    record Run(long records, double seconds, double secondsFromStart, long firstCommitted, double startupSeconds) {

        double perSecond() {
            return (records - firstCommitted) / seconds;
        }

        Map<String, Object> json() {
            var m = new LinkedHashMap<String, Object>();
            m.put("recordsCommitted", records);
            m.put("recordsPerSecond", perSecond());
            m.put("secondsFromFirstCommit", seconds);
            m.put("committedAtFirstCommit", firstCommitted);
            m.put("secondsFromStart", secondsFromStart);
            m.put("recordsPerSecondFromStart", records / secondsFromStart);
            m.put("secondsToFirstCommit", startupSeconds);
            return m;
        }
    }

    Figure run() {
        var f = new Figure(NAME, "records/s", "≥ 0.4× baseline");
        // the stack's own analytics is idle first: it must not compete with what is measured
        double drained = kafka.awaitSignalsConsumed(Duration.ofSeconds(plan.quick() ? 60 : 180));
        f.details.put("secondsWaitedForTheStacksAnalyticsToCatchUp", drained < 0 ? "gave up (still lagging)" : drained);
        long backlog = kafka.countCommitted(Topics.SIGNALS.name(), Duration.ofSeconds(60));
        long endOffsets = kafka.endOffsets(Topics.SIGNALS.name());
        long target = Math.min(endOffsets, plan.topologyMaxRecords());
        f.details.put("backlog", Map.of("records", backlog, "endOffsets", endOffsets, "target", target,
                "note", "offsets count the ingest's transaction markers too; both topologies are timed to the same committed offset"));
        if (backlog < 1000) {
            throw new IllegalStateException("no backlog to replay on " + Topics.SIGNALS.name() + " (" + backlog + " records)");
        }
        if (plan.topologyWarmupRecords() > 0) {
            // the production topology's code is much larger than the pass-through's: both get an uncounted first run,
            // so neither is measured while the JIT compiles it
            long warm = Math.min(target, plan.topologyWarmupRecords());
            var production = time(this::production, warm);
            var passThrough = time(this::passThrough, warm);
            f.details.put("warmup", Map.of("records", warm, "production", production.json(), "passThrough", passThrough.json()));
        }
        var samples = new ArrayList<Double>();
        var baseline = new ArrayList<Double>();
        var details = new ArrayList<Map<String, Object>>();
        for (int rep = 0; rep < plan.reps(); rep++) {
            var production = time(this::production, target);
            var passThrough = time(this::passThrough, target);
            samples.add(production.perSecond());
            baseline.add(passThrough.perSecond());
            details.add(Map.of("production", production.json(), "passThrough", passThrough.json()));
            Bench.log(String.format(java.util.Locale.ROOT, "  topology rep %d: production %.0f records/s, pass-through %.0f records/s",
                    rep + 1, production.perSecond(), passThrough.perSecond()));
        }
        f.value = new Figure.Stats(samples);
        f.baseline = new Figure.Stats(baseline);
        f.baselineName = "pass-through topology (read " + Topics.SIGNALS.name() + " as bytes → write to a new topic with its settings), "
                + "exactly_once_v2, same commit interval, threads, backlog, broker and JVM";
        f.details.put("runs", details);
        f.details.put("measure", "one Kafka Streams instance in the runner's JVM (" + jvm() + ") per run, new application id, "
                + "auto.offset.reset earliest, " + THREADS + " stream thread, commit interval " + COMMIT_INTERVAL_MS + " ms (the service's), "
                + "exactly_once_v2; records/s = committed offsets (sum over the signals topic's partitions) from the first commit to the target "
                + "/ the seconds in between (start-up, rebalance and state restore before the first commit are reported apart)");
        f.details.put("production", "AnalyticsTopology.build(builder, context, SpikeSettings.defaults(), LatePolicy(30 days)) "
                + "of analytics-service with the shipped catalogues and the watchlist topic of the stack; it writes detections to "
                + Topics.DETECTIONS.name() + " like the service (the same deterministic ids: alert-service takes them as redeliveries)");
        var ratio = f.ratio();
        f.pass = ratio != null && ratio >= 0.4;
        f.verdict = ratio == null ? "no ratio" : (f.pass ? "met" : "missed")
                + String.format(java.util.Locale.ROOT, " (%.3f× against ≥ 0.4×)", ratio);
        return f;
    }

    private Topology production(String applicationId) {
        var builder = new StreamsBuilder();
        var context = new RuleContext(new Watchlist(SubstanceCatalogue.defaultCatalogue()), RegionCatalogue.defaultCatalogue(),
                Clock.systemUTC());
        AnalyticsTopology.build(builder, context, SpikeSettings.defaults(), LatePolicy.defaults());
        return builder.build();
    }

    private Topology passThrough(String applicationId) {
        var out = kafka.topicLikeSignals(applicationId + "-out");
        var builder = new StreamsBuilder();
        builder.stream(Topics.SIGNALS.name(), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()))
                .to(out, Produced.with(Serdes.ByteArray(), Serdes.ByteArray()));
        return builder.build();
    }

    private Run time(java.util.function.Function<String, Topology> topology, long target) {
        var applicationId = KafkaBaselines.OWN_GROUP_PREFIX + "topology-" + (++runs) + "-" + System.currentTimeMillis();
        Path state;
        try {
            state = Files.createTempDirectory("bench-streams-");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        var props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, COMMIT_INTERVAL_MS);
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, THREADS);
        props.put(StreamsConfig.STATE_DIR_CONFIG, state.toString());
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        // as the stack's analytics (application.yml): both topologies get it
        props.put(StreamsConfig.producerPrefix(ProducerConfig.RETRY_BACKOFF_MS_CONFIG), TransactionalProducers.RETRY_BACKOFF_MS);
        long start = System.nanoTime();
        long firstAt = 0;
        long first = 0;
        long done = 0;
        try (var streams = new KafkaStreams(topology.apply(applicationId), props);
             var admin = Admin.create(Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap()))) {
            streams.start();
            long deadline = start + Duration.ofSeconds(plan.quick() ? 60 : 180).toNanos();
            while (System.nanoTime() < deadline) {
                done = committed(admin, applicationId);
                if (done > 0 && firstAt == 0) {
                    firstAt = System.nanoTime();
                    first = done;
                }
                if (done >= target) {
                    break;
                }
                if (streams.state() == KafkaStreams.State.ERROR || streams.state() == KafkaStreams.State.NOT_RUNNING) {
                    throw new IllegalStateException("the topology stopped: " + streams.state());
                }
                DetectionFigure.sleep(Duration.ofMillis(100));
            }
            long end = System.nanoTime();
            if (done < target) {
                throw new IllegalStateException("the topology committed " + done + " of " + target + " records in time");
            }
            streams.close(Duration.ofSeconds(30));
            streams.cleanUp();
            if (firstAt == 0 || end == firstAt) {
                firstAt = start;
                first = 0;
            }
            return new Run(done, (end - firstAt) / 1e9, (end - start) / 1e9, first, (firstAt - start) / 1e9);
        } finally {
            kafka.deleteGroupAndTopics(applicationId, applicationId);
            try (var paths = Files.walk(state)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // a temporary folder
            }
        }
    }

    private static long committed(Admin admin, String group) {
        try {
            return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().entrySet().stream()
                    .filter(e -> e.getKey().topic().equals(Topics.SIGNALS.name()) && e.getValue() != null)
                    .mapToLong(e -> e.getValue().offset()).sum();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException e) {
            return 0; // no group yet
        }
    }

    private static String jvm() {
        var args = java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments();
        return "Java " + Runtime.version() + ", max heap " + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB"
                + (args.isEmpty() ? "" : ", " + String.join(" ", args));
    }
}
