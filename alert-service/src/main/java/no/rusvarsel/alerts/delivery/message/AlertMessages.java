package no.rusvarsel.alerts.delivery.message;

import io.micronaut.context.annotation.Value;
import io.micronaut.serde.ObjectMapper;
import jakarta.inject.Singleton;
import no.rusvarsel.alerts.alert.Alert;
import no.rusvarsel.alerts.alert.AlertDetectionRecord;
import no.rusvarsel.alerts.subscription.Subscription;
import no.rusvarsel.contracts.alert.AlertEvent;
import no.rusvarsel.contracts.catalogue.Region;
import no.rusvarsel.contracts.catalogue.RegionCatalogue;
import no.rusvarsel.contracts.signal.SourceType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** Builds message bodies (JSON, fixed at queueing) and reads them back for rendering as e-mail. */
@Singleton
public class AlertMessages {

    private final EvidenceRepository evidence;
    private final RegionCatalogue regions;
    private final LinkSettings links;
    private final ObjectMapper json;
    private final int maxEvidence;

    public AlertMessages(EvidenceRepository evidence, RegionCatalogue regions, LinkSettings links,
                         ObjectMapper json, @Value("${rusvarsel.delivery.max-evidence:50}") int maxEvidence) {
        this.evidence = evidence;
        this.regions = regions;
        this.links = links;
        this.json = json;
        this.maxEvidence = maxEvidence;
    }

    /** {@code alert.opened}, {@code alert.escalated}, … */
    public static String type(AlertEvent.Type type) {
        return "alert." + type.name().toLowerCase(Locale.ROOT);
    }

    /** The message about an alert change; its evidence is read in the caller's (the change's) transaction. */
    public AlertEnvelope alert(Alert alert, AlertEvent event) {
        var latest = new ArrayList<>(evidence.findLatest(alert.alertId(), maxEvidence));
        Collections.reverse(latest);
        var data = new AlertData(alert.alertId(), event.eventId(), event.sequence(), event.type().name(), alert.status(),
                alert.severity(), alert.certainty(), alert.summary(), region(alert.region()), region(alert.county()),
                alert.regions().stream().map(this::region).toList(), alert.substance(), alert.substanceName(),
                alert.substanceClass(), alert.ruleFamily(), alert.rules(), alert.sourceTypes(), alert.windowStart(),
                alert.windowEnd(), alert.openedAt(), alert.updatedAt(), latest.stream().map(this::toEvidence).toList(),
                (int) evidence.countByAlertId(alert.alertId()), links.forAlert(alert.alertId()));
        return new AlertEnvelope(type(event.type()), event.occurredAt(), data);
    }

    public TestEnvelope test(Subscription s, Instant now) {
        return new TestEnvelope(TestEnvelope.TYPE, now, new TestEnvelope.Data(s.subscriptionId().toString(), s.name(),
                "This is a test message from Rusvarsel: your subscription \"" + s.name() + "\" reaches you."));
    }

    public String write(Object envelope) {
        try {
            return json.writeValueAsString(envelope);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write message body", e);
        }
    }

    public AlertEnvelope readAlert(String payload) {
        return read(payload, AlertEnvelope.class);
    }

    public TestEnvelope readTest(String payload) {
        return read(payload, TestEnvelope.class);
    }

    private <T> T read(String payload, Class<T> type) {
        try {
            return json.readValue(payload, type);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read queued message body", e);
        }
    }

    private AlertData.RegionRef region(String code) {
        return new AlertData.RegionRef(code, regions.find(code).map(Region::name).orElse(code));
    }

    private AlertData.Evidence toEvidence(AlertDetectionRecord r) {
        var d = r.detection();
        return new AlertData.Evidence(d.detectionId(), d.rule(), d.severity(), d.certainty(), region(d.region()),
                d.sourceTypes().stream().map(SourceType::name).sorted().toList(), d.summary(), d.detectedAt(),
                d.windowStart(), d.windowEnd(), d.evidence(), d.metrics());
    }
}
