package no.rusvarsel.ingest;

import io.micronaut.runtime.Micronaut;

/** ingest-service: the data providers' REST intake; writes accepted signals to Kafka. */
public final class IngestApplication {

    private IngestApplication() {
    }

    public static void main(String[] args) {
        Micronaut.run(IngestApplication.class, args);
    }
}
