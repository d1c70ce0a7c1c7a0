package no.rusvarsel.infra;

/** A running Kafka broker the caller can produce to and consume from. */
public interface KafkaServer extends AutoCloseable {

    String bootstrapServers();

    @Override
    void close();
}
