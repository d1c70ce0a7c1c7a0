package no.rusvarsel.analytics;

import io.micronaut.runtime.Micronaut;

/** analytics-service: Kafka Streams detection of dangerous substances, clusters and spikes. */
public final class AnalyticsApplication {

    private AnalyticsApplication() {
    }

    public static void main(String[] args) {
        Micronaut.run(AnalyticsApplication.class, args);
    }
}
