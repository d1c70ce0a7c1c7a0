package no.rusvarsel.analytics.replay;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import no.rusvarsel.analytics.AnalyticsTopology;
import no.rusvarsel.analytics.intake.LatePolicy;
import no.rusvarsel.analytics.rules.RuleContext;
import no.rusvarsel.analytics.situation.SituationCells;
import no.rusvarsel.analytics.situation.SituationProcessor;
import no.rusvarsel.analytics.situation.SituationSignal;
import no.rusvarsel.analytics.spike.SpikeSettings;
import no.rusvarsel.analytics.watchlist.Watchlist;
import no.rusvarsel.contracts.catalogue.RegionCatalogue;
import no.rusvarsel.contracts.catalogue.SubstanceCatalogue;
import no.rusvarsel.contracts.topic.TopicProvisioner;
import no.rusvarsel.contracts.topic.Topics;
import no.rusvarsel.infra.EmbeddedKafka;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replay throughput of the full production topology on a real (embedded, single-node) broker with exactly-once:
 * ≥ 500 000 generated signals over 100 days × all 15 counties are written to the signals topic first, then the topology
 * (one Kafka Streams instance) is started and timed until its committed offsets reach the end of the topic; then every
 * record is accounted for. Not part of the normal build: run with
 * {@code mvn -B -o -pl analytics-service verify -Dreplay=true -Dit.test=ReplayThroughputIT -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false}
 * (defaults: {@code -Dreplay.days=100 -Dreplay.perCountyDay=360 -Dreplay.threads=1 -Dreplay.commitMs=100}).
 */
@EnabledIfSystemProperty(named = "replay", matches = "true")
class ReplayThroughputIT {

    private static final int DAYS = Integer.getInteger("replay.days", 100);
    private static final int PER_COUNTY_DAY = Integer.getInteger("replay.perCountyDay", 360);
    private static final int THREADS = Integer.getInteger("replay.threads", 1);
    /** The service's own commit interval by default (low, for latency); a replay-only deployment could raise it. */
    private static final int COMMIT_MS = Integer.getInteger("replay.commitMs", 100);
    private static final Duration PATIENCE = Duration.ofMinutes(Integer.getInteger("replay.minutes", 40));

    @Test
    void shouldReplayHalfAMillionSignalsThroughTheFullTopologyWithoutDroppingOne() throws Exception {
        try (var kafka = EmbeddedKafka.start(0, null);
             var admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            TopicProvisioner.ensure(admin, Topics.all(), (short) 1);
            var context = new RuleContext(new Watchlist(SubstanceCatalogue.defaultCatalogue()), RegionCatalogue.defaultCatalogue(),
                    Clock.systemUTC());

            // Given the generated history in the signals topic, with what each admitted signal must add to the situation
            var produced = new LongAdder();
            var beyondGrace = new LongAdder();
            var latest = new HashMap<String, long[]>(); // signalId → {version, cells total}
            long poison = 0;
            long produceStart = System.nanoTime();
            try (var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                    ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                    ProducerConfig.LINGER_MS_CONFIG, 20, ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024,
                    ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4"), new StringSerializer(), new ByteArraySerializer())) {
                var serializer = Topics.SIGNALS.valueSerde().serializer();
                new ReplaySignals(20250101L, LocalDate.parse("2025-01-01"), DAYS, PER_COUNTY_DAY).forEach(emitted -> {
                    var e = emitted.envelope();
                    producer.send(new ProducerRecord<>(Topics.SIGNALS.name(), e.county(), serializer.serialize(Topics.SIGNALS.name(), e)));
                    produced.increment();
                    if (emitted.beyondGrace()) {
                        beyondGrace.increment();
                        return;
                    }
                    var before = latest.get(e.signalId());
                    if (before == null || before[0] < e.version()) {
                        latest.put(e.signalId(), new long[]{e.version(),
                                SituationCells.of(e, context).values().stream().mapToLong(Long::longValue).sum()});
                    }
                });
                for (int i = 0; i < 50; i++) {
                    producer.send(new ProducerRecord<>(Topics.SIGNALS.name(), "03", ("{not a signal " + i).getBytes(StandardCharsets.UTF_8)));
                    poison++;
                }
                producer.flush();
            }
            long total = produced.sum() + poison;
            double produceSeconds = (System.nanoTime() - produceStart) / 1e9;
            long expectedDeadLetters = beyondGrace.sum() + poison;
            long expectedCells = latest.values().stream().mapToLong(v -> v[1]).sum();
            assertThat(total).isGreaterThanOrEqualTo(DAYS * 15L * PER_COUNTY_DAY);

            // When the full topology replays it with exactly-once
            var meters = new SimpleMeterRegistry();
            var admitted = new LongAdder();
            var builder = new StreamsBuilder();
            AnalyticsTopology.build(builder, context, SpikeSettings.defaults(), LatePolicy.of(LatePolicy.DEFAULT_GRACE, meters))
                    .foreach((county, signal) -> admitted.increment());
            var applicationId = "replay-" + UUID.randomUUID();
            var props = new Properties();
            props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
            props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
            props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
            props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, COMMIT_MS);
            props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, THREADS);
            props.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("replay-state").toString());
            props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
            long start = System.nanoTime();
            try (var streams = new KafkaStreams(builder.build(), props)) {
                streams.start();
                awaitCaughtUp(admin, applicationId, total, start);
                double seconds = (System.nanoTime() - start) / 1e9;

                // Then every record is accounted for: admitted, or dead-lettered with a reason; none dropped
                long deadLetters = countCommitted(kafka.bootstrapServers(), Topics.SIGNALS_DLQ.name());
                long detections = countCommitted(kafka.bootstrapServers(), Topics.DETECTIONS.name());
                var counts = streams.store(StoreQueryParameters.fromNameAndType(SituationProcessor.COUNTS_STORE,
                        QueryableStoreTypes.<String, Long>keyValueStore()));
                var signals = streams.store(StoreQueryParameters.fromNameAndType(SituationProcessor.SIGNALS_STORE,
                        QueryableStoreTypes.<String, SituationSignal>keyValueStore()));
                long cells = 0;
                try (var all = counts.all()) {
                    while (all.hasNext()) {
                        cells += all.next().value;
                    }
                }
                var remembered = new HashSet<String>();
                try (var all = signals.all()) {
                    all.forEachRemaining(kv -> remembered.add(kv.key));
                }
                long dropped = total - admitted.sum() - deadLetters;
                var summary = String.format(java.util.Locale.ROOT,
                        "REPLAY %d records (%d days x 15 counties x %d, incl. corrections, duplicates, %d beyond grace, %d poison) "
                                + "produced in %.1f s; full topology, exactly_once_v2, commit interval %d ms, %d stream thread(s): %.1f s = %.0f records/s; "
                                + "admitted %d, dead-lettered %d (late counter %.0f), dropped %d; detections %d; "
                                + "situation cells %d of expected %d; signals remembered %d",
                        total, DAYS, PER_COUNTY_DAY, beyondGrace.sum(), poison, produceSeconds, COMMIT_MS, THREADS, seconds, total / seconds,
                        admitted.sum(), deadLetters, meters.get(LatePolicy.METRIC).counter().count(), dropped, detections, cells,
                        expectedCells, remembered.size());
                System.out.println(summary);
                Files.writeString(Path.of("target", "replay-result.txt"), summary + System.lineSeparator());

                assertThat(deadLetters).isEqualTo(expectedDeadLetters);
                assertThat(meters.get(LatePolicy.METRIC).counter().count()).isEqualTo(beyondGrace.sum());
                assertThat(dropped).isZero();
                assertThat(cells).isEqualTo(expectedCells);
                // signals whose day is beyond the grace of their county's event time are forgotten hourly; a replay is shorter
                assertThat(remembered).hasSize(latest.size());
            }
        }
    }

    private static void awaitCaughtUp(Admin admin, String groupId, long total, long start) throws Exception {
        var partitions = IntStream.range(0, Topics.SIGNALS.partitions()).mapToObj(p -> new TopicPartition(Topics.SIGNALS.name(), p))
                .collect(Collectors.toList());
        var ends = admin.listOffsets(partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()))).all().get();
        long end = ends.values().stream().mapToLong(r -> r.offset()).sum();
        assertThat(end).isEqualTo(total);
        long lastReport = 0;
        while (System.nanoTime() - start < PATIENCE.toNanos()) {
            var committed = admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata().get();
            long done = partitions.stream().mapToLong(p -> committed.get(p) == null ? 0 : committed.get(p).offset()).sum();
            if (done >= end) {
                return;
            }
            long elapsed = (System.nanoTime() - start) / 1_000_000_000L;
            if (elapsed - lastReport >= 15) {
                lastReport = elapsed;
                System.out.printf("replay: %d of %d committed after %d s%n", done, end, elapsed);
            }
            Thread.sleep(200);
        }
        throw new AssertionError("replay not caught up within " + PATIENCE);
    }

    private static long countCommitted(String bootstrap, String topic) {
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed", ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            var partitions = consumer.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            var ends = consumer.endOffsets(partitions);
            long count = 0;
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                count += consumer.poll(Duration.ofMillis(500)).count();
            }
            return count;
        }
    }
}
