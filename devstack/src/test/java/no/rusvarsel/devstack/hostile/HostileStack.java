package no.rusvarsel.devstack.hostile;

import no.rusvarsel.devstack.StackProcess;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.io.IOException;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The real dev stack for the hostile-input suite, with the row counts and topic offsets that prove nothing was stored. */
final class HostileStack extends StackProcess {

    HostileStack(Map<String, String> serviceEnvironment) throws IOException, InterruptedException {
        super("hostile-it", serviceEnvironment, Duration.ofSeconds(180));
    }

    /** The bearer credential for a role (ANALYST, OPERATOR, ADMIN) or a source type (that provider's API key). */
    String bearer(String who) {
        var token = token(who);
        return token != null ? token : providerKeys().get(who);
    }

    /** Rows per table, for the given database ({@code ingest} or {@code alerts}). */
    Map<String, Long> rowCounts(String database, List<String> tables) throws SQLException {
        var counts = new TreeMap<String, Long>();
        try (var c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + ports.get("postgres") + "/" + database,
                "postgres", "postgres")) {
            for (var table : tables) {
                try (var rs = c.createStatement().executeQuery("SELECT count(*) FROM " + table)) {
                    rs.next();
                    counts.put(database + "." + table, rs.getLong(1));
                }
            }
        }
        return counts;
    }

    /** The end offset of every partition of the topics (including transaction markers). */
    Map<String, Long> endOffsets(List<String> topics) {
        var result = new TreeMap<String, Long>();
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of("bootstrap.servers", "127.0.0.1:" + ports.get("kafka"),
                "allow.auto.create.topics", "false"), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            for (var topic : topics) {
                var infos = consumer.partitionsFor(topic, Duration.ofSeconds(20));
                var partitions = infos == null ? List.<TopicPartition>of()
                        : infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
                consumer.endOffsets(partitions, Duration.ofSeconds(20)).forEach((tp, offset) -> result.put(tp.toString(), offset));
            }
        }
        return result;
    }
}
