package no.rusvarsel.analytics.cluster;

import io.micronaut.serde.annotation.Serdeable;
import no.rusvarsel.contracts.detection.Certainty;
import no.rusvarsel.contracts.signal.SourceType;

import java.time.Instant;
import java.util.List;

/**
 * What the cross-source rule remembers for one (county, substance or class): recent sightings and the
 * detections it already emitted, so the same cluster is reported once.
 */
@Serdeable
public record ClusterState(List<Sighting> sightings, List<String> emitted) {

    public ClusterState {
        sightings = sightings == null ? List.of() : List.copyOf(sightings);
        emitted = emitted == null ? List.of() : List.copyOf(emitted);
    }

    /** This state without the sightings of {@code signalId} older than {@code version}; itself when there are none. */
    public ClusterState withoutOlder(String signalId, int version) {
        var kept = sightings.stream().filter(s -> !s.signalId().equals(signalId) || s.version() >= version).toList();
        return kept.size() == sightings.size() ? this : new ClusterState(kept, emitted);
    }

    /** One signal's sighting of the subject: the latest version of that signal only. */
    @Serdeable
    public record Sighting(String signalId, int version, SourceType sourceType, Instant observedAt, Certainty certainty,
                           String substanceName) {
    }
}
