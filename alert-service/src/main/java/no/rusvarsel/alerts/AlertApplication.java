package no.rusvarsel.alerts;

import io.micronaut.runtime.Micronaut;

/** alert-service: turns detections into alerts and delivers them to analysts. */
public final class AlertApplication {

    private AlertApplication() {
    }

    public static void main(String[] args) {
        Micronaut.run(AlertApplication.class, args);
    }
}
