package no.rusvarsel.infra;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The broker supports exactly-once: what a transaction aborts is never seen by a read_committed consumer. */
@ExtendWith(RealInfraExtension.class)
class TransactionalRoundTripIT {

    @Test
    void shouldDeliverCommittedTransactionsOnlyToReadCommittedConsumers(KafkaServer kafka) {
        var topic = "it.eos." + UUID.randomUUID();
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "it-tx-" + UUID.randomUUID(),
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true), new StringSerializer(), new StringSerializer())) {
            producer.initTransactions();

            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "03", "committed-1"));
            producer.send(new ProducerRecord<>(topic, "03", "committed-2"));
            producer.commitTransaction();

            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "03", "aborted"));
            producer.flush();
            producer.abortTransaction();

            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "03", "committed-3"));
            producer.commitTransaction();
        }

        var committed = KafkaRoundTripIT.consume(kafka, topic, "read_committed", 3, new StringDeserializer());
        var uncommitted = KafkaRoundTripIT.consume(kafka, topic, "read_uncommitted", 4, new StringDeserializer());

        assertThat(committed).extracting(r -> r.value()).containsExactly("committed-1", "committed-2", "committed-3");
        assertThat(uncommitted).extracting(r -> r.value()).contains("aborted");
    }
}
