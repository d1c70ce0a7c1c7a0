package no.rusvarsel.infra;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The dev stack keeps its data folder: what was written before a restart is there after it. */
class DataSurvivesRestartIT {

    @Test
    void shouldKeepKafkaRecordsAndDatabaseRowsAcrossARestartOnTheSameDataDir(@TempDir Path dir) throws Exception {
        try (var infra = Infra.startEmbedded(0, 0, dir)) {
            try (var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    infra.kafka().bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer())) {
                producer.send(new ProducerRecord<>("it.persist", "03", "before-restart")).get();
            }
            try (var c = DriverManager.getConnection(infra.postgres().jdbcUrl("persist"), "postgres", "postgres");
                 var s = c.createStatement()) {
                s.execute("CREATE TABLE kept (v TEXT)");
                s.execute("INSERT INTO kept VALUES ('before-restart')");
            }
        }

        try (var infra = Infra.startEmbedded(0, 0, dir)) {
            var records = KafkaRoundTripIT.consume(infra.kafka(), "it.persist", "read_committed", 1, new StringDeserializer());
            assertThat(records).extracting(r -> r.value()).containsExactly("before-restart");
            try (var c = DriverManager.getConnection(infra.postgres().jdbcUrl("persist"), "postgres", "postgres");
                 var s = c.createStatement(); var rs = s.executeQuery("SELECT v FROM kept")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("before-restart");
            }
        }
    }
}
