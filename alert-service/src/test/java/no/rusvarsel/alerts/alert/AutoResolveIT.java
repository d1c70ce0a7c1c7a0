package no.rusvarsel.alerts.alert;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import no.rusvarsel.contracts.alert.AlertEvent;
import no.rusvarsel.contracts.alert.AlertStatus;
import no.rusvarsel.infra.RealInfraProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** An episode with no new detection for the quiet time is resolved by the system, once, with the reason. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AutoResolveIT implements RealInfraProperties {

    @Inject
    AlertLifecycle lifecycle;

    @Inject
    AlertRepository alerts;

    @Inject
    AlertEventRepository events;

    @Override
    public String databaseName() {
        return "alerts_auto_resolve_it";
    }

    @Override
    public Map<String, String> getProperties() {
        var props = new HashMap<>(RealInfraProperties.super.getProperties());
        props.put("rusvarsel.alerts.consume-detections", "false");
        props.put("rusvarsel.alerts.relay.enabled", "false");
        return props;
    }

    @Test
    void shouldResolveOnlyTheAlertsQuietSinceTheCutoffWithTheSystemAsActor() throws InterruptedException {
        // Given an alert acknowledged by a person and one opened now
        var quiet = lifecycle.apply(Detections.critical("1804")).orElseThrow().alertId();
        lifecycle.acknowledge(quiet, "test-operator", null);
        // real time between the two alerts' timestamps and the cutoff: a fast run made them equal
        Thread.sleep(20);
        var cutoff = Instant.now();
        Thread.sleep(20);
        var fresh = lifecycle.apply(Detections.critical("5501")).orElseThrow().alertId();

        // When the auto-resolver runs with the cutoff between them
        int resolved = 0;
        while (lifecycle.autoResolveOne(cutoff, "no new detection for P14D")) {
            resolved++;
        }

        // Then only the quiet one is resolved, by the system, with the reason in the audit trail
        assertThat(resolved).isEqualTo(1);
        assertThat(alerts.findById(quiet).orElseThrow().status()).isEqualTo(AlertStatus.RESOLVED);
        assertThat(alerts.findById(quiet).orElseThrow().closedAt()).isNotNull();
        assertThat(alerts.findById(fresh).orElseThrow().status()).isEqualTo(AlertStatus.OPEN);
        var last = events.findByAlertIdOrderBySequence(quiet).get(2);
        assertThat(last.type()).isEqualTo(AlertEvent.Type.RESOLVED);
        assertThat(last.actor()).isEqualTo(AlertLifecycle.SYSTEM);
        assertThat(last.note()).isEqualTo("no new detection for P14D");
        assertThat(last.notified()).isFalse();
        // and running it again changes nothing
        assertThat(lifecycle.autoResolveOne(cutoff, "again")).isFalse();
        assertThat(Duration.between(last.occurredAt(), Instant.now())).isLessThan(Duration.ofMinutes(1));
    }
}
