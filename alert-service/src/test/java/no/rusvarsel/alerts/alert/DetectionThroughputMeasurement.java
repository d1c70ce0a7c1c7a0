package no.rusvarsel.alerts.alert;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import no.rusvarsel.contracts.detection.Certainty;
import no.rusvarsel.contracts.detection.Rule;
import no.rusvarsel.contracts.detection.Severity;
import no.rusvarsel.contracts.signal.SourceType;
import no.rusvarsel.contracts.topic.Topics;
import no.rusvarsel.infra.ConsumerGroups;
import no.rusvarsel.infra.RealInfraProperties;
import no.rusvarsel.infra.SharedInfra;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import javax.sql.DataSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How many detections per second alert-service turns into alert changes on this machine (a measurement, not a
 * test; run with {@code mvn -pl alert-service verify -Dit.test=DetectionThroughputMeasurement -Dmeasure=true}).
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@EnabledIfSystemProperty(named = "measure", matches = "true")
class DetectionThroughputMeasurement implements RealInfraProperties {

    private static final List<String> MUNICIPALITIES = List.of("0301", "4601", "5001", "1103", "3201", "3301", "3401", "3901", "4001", "4204", "1505", "1804", "5501", "5601", "3101");

    @Inject
    DataSource dataSource;

    @Override
    public String databaseName() {
        return "alerts_throughput";
    }

    @Override
    public Map<String, String> getProperties() {
        var props = new HashMap<>(RealInfraProperties.super.getProperties());
        props.put("rusvarsel.alerts.group-id", ConsumerGroups.newGroupAtEnd(SharedInfra.get().kafka().bootstrapServers(),
                Topics.DETECTIONS.name(), Topics.DETECTIONS.partitions(), "alert-throughput"));
        return props;
    }

    @Test
    void measureDetectionsPerSecond() throws Exception {
        int n = Integer.getInteger("detections", 5000);
        var substances = List.of("isotonitazene", "metonitazene", "carfentanil", "xylazine", "fentanyl");
        try (var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", SharedInfra.get().kafka().bootstrapServers(),
                "acks", "all", "linger.ms", 5), new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < n; i++) {
                var base = Detections.nitazene(MUNICIPALITIES.get(i % MUNICIPALITIES.size()), Rule.WATCHLIST_SUBSTANCE,
                        Severity.values()[1 + i % 4], Certainty.POSSIBLE, SourceType.values()[i % 5]);
                var d = new no.rusvarsel.contracts.detection.Detection(base.detectionId(), base.rule(), base.severity(),
                        base.certainty(), base.region(), substances.get(i / 15 % substances.size()), null, null,
                        base.windowStart(), base.windowEnd(), base.evidence(), base.sourceTypes(), base.metrics(),
                        base.summary(), base.detectedAt());
                producer.send(new ProducerRecord<>(Topics.DETECTIONS.name(), d.region(),
                        Topics.DETECTIONS.valueSerde().serializer().serialize(Topics.DETECTIONS.name(), d)));
            }
            producer.flush();
        }
        var start = System.nanoTime();
        long done;
        do {
            Thread.sleep(200);
            try (var c = dataSource.getConnection(); var s = c.createStatement(); var rs = s.executeQuery("SELECT COUNT(*) FROM processed_detection")) {
                rs.next();
                done = rs.getLong(1);
            }
        } while (done < n && System.nanoTime() - start < 600_000_000_000L);
        var seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("MEASURED: %d detections -> alert changes in %.1f s = %.0f detections/s%n", done, seconds, done / seconds);
    }
}
