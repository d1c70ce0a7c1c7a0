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
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The fault tests' stops are real and repeatable: a stopped broker or database refuses connections, and each comes
 * back on the same port with everything written before, round after round, without keeping the stopped broker's memory.
 */
class ServersStopAndStartIT {

    private static final int ROUNDS = 5;

    @Test
    void shouldStopAndStartTheBrokerAndTheDatabaseAgainAndAgainKeepingTheirData(@TempDir Path dir) throws Exception {
        try (var infra = Infra.startEmbedded(0, 0, dir)) {
            var bootstrap = infra.kafka().bootstrapServers();
            var jdbcUrl = infra.postgres().jdbcUrl("restarts");
            sql(jdbcUrl, "CREATE TABLE rounds (n INT)");
            var written = new ArrayList<String>();
            long heapAfterFirstRound = 0;
            for (int round = 1; round <= ROUNDS; round++) {
                // Given a record and a row written in this round
                produce(bootstrap, "round-" + round);
                written.add("round-" + round);
                sql(jdbcUrl, "INSERT INTO rounds VALUES (" + round + ")");

                // When both are stopped, Then they refuse connections
                infra.stopKafka();
                infra.stopPostgres();
                assertThatThrownBy(() -> sql(jdbcUrl, "SELECT 1")).isInstanceOf(SQLException.class);

                // When both start again, Then they are on the same address with all that was written
                infra.startKafka();
                infra.startPostgres();
                assertThat(infra.kafka().bootstrapServers()).isEqualTo(bootstrap);
                assertThat(KafkaRoundTripIT.consume(infra.kafka(), "it.restarts", "read_committed", written.size(),
                        new StringDeserializer())).extracting(r -> r.value()).containsExactlyElementsOf(written);
                try (var c = DriverManager.getConnection(jdbcUrl, "postgres", "postgres"); var s = c.createStatement();
                     var rs = s.executeQuery("SELECT count(*) FROM rounds")) {
                    rs.next();
                    assertThat(rs.getInt(1)).isEqualTo(round);
                }
                // And a stopped broker's memory is freed (the infra process has a 256 MB heap in the dev stack)
                if (round == 1) {
                    heapAfterFirstRound = heapAfterGc();
                }
            }
            assertThat(heapAfterGc() - heapAfterFirstRound).as("heap growth over %d restarts, bytes", ROUNDS - 1)
                    .isLessThan(32L * 1024 * 1024);
        }
    }

    private static long heapAfterGc() {
        System.gc();
        var runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    private static void produce(String bootstrap, String value) throws Exception {
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>("it.restarts", "03", value)).get();
        }
    }

    private static void sql(String jdbcUrl, String statement) throws SQLException {
        try (var c = DriverManager.getConnection(jdbcUrl, "postgres", "postgres"); var s = c.createStatement()) {
            s.execute(statement);
        }
    }
}
