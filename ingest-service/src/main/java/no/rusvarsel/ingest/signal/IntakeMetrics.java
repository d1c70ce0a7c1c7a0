package no.rusvarsel.ingest.signal;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;
import no.rusvarsel.contracts.signal.SourceType;

import java.util.Locale;

/**
 * Intake metrics: records per source type and outcome ({@code rusvarsel_ingest_records_total}) and how long
 * Kafka takes to acknowledge a request's transaction ({@code rusvarsel_ingest_kafka_publish_seconds}).
 */
@Singleton
public class IntakeMetrics {

    private final MeterRegistry registry;
    private final Timer publish;

    public IntakeMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.publish = Timer.builder("rusvarsel.ingest.kafka.publish")
                .description("time for Kafka to acknowledge one request's signals")
                .publishPercentileHistogram()
                .register(registry);
    }

    void stored(SourceType type, SubmissionResult result) {
        count(type, "accepted", result.accepted());
        count(type, "duplicate", result.duplicates());
        count(type, "corrected", result.corrected());
    }

    void rejected(SourceType type, int records) {
        count(type, "rejected", records);
    }

    void unavailable(SourceType type, int records) {
        count(type, "unavailable", records);
    }

    void timePublish(Runnable publishing) {
        publish.record(publishing);
    }

    private void count(SourceType type, String outcome, int n) {
        if (n > 0) {
            registry.counter("rusvarsel.ingest.records", "source_type", type.path(), "outcome", outcome.toLowerCase(Locale.ROOT))
                    .increment(n);
        }
    }
}
