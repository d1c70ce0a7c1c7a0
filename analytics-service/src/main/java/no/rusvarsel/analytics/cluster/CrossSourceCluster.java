package no.rusvarsel.analytics.cluster;

import no.rusvarsel.analytics.rules.Detections;
import no.rusvarsel.analytics.rules.RuleContext;
import no.rusvarsel.contracts.catalogue.Hazard;
import no.rusvarsel.contracts.catalogue.Substance;
import no.rusvarsel.contracts.catalogue.SubstanceClass;
import no.rusvarsel.contracts.detection.Certainty;
import no.rusvarsel.contracts.detection.Detection;
import no.rusvarsel.contracts.detection.Rule;
import no.rusvarsel.contracts.detection.Severity;
import no.rusvarsel.contracts.signal.SignalEnvelope;
import no.rusvarsel.contracts.signal.SourceType;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * CROSS_SOURCE_CLUSTER: the same watched substance, or different watched members of one class, seen by two or more
 * source types in one county within 7 days of event time. Two types make it LIKELY, three OBSERVED (POSSIBLE while every sighting is a
 * mere suspicion); a HIGH substance's cluster is raised to CRITICAL. Late and out-of-order sightings count in
 * their own time; a correction replaces its signal's earlier sighting.
 */
public final class CrossSourceCluster {

    public static final Duration WINDOW = Duration.ofDays(7);
    /** How far behind the newest sighting older ones are kept, so late laboratory results still meet them. */
    public static final Duration RETENTION = Duration.ofDays(45);

    private CrossSourceCluster() {
    }

    /** The state keys a watched substance's sighting touches: the substance, and its class. */
    static List<String> keys(String county, Substance substance) {
        return List.of(county + "|" + substance.id(), county + "|class:" + substance.substanceClass().name());
    }

    /**
     * Adds a sighting to a subject's state and returns the new state and, if the sighting completes a cluster
     * not reported before, its detection.
     */
    static Result add(ClusterState state, String key, ClusterState.Sighting sighting, SignalEnvelope signal, Substance substance,
                      RuleContext context) {
        var sightings = new ArrayList<ClusterState.Sighting>();
        for (var s : state.sightings()) {
            if (s.signalId().equals(sighting.signalId())) {
                if (s.version() > sighting.version()) {
                    return new Result(state, null); // an older version arriving late changes nothing
                }
                continue; // replaced by this version
            }
            sightings.add(s);
        }
        sightings.add(sighting);
        var newest = sightings.stream().map(ClusterState.Sighting::observedAt).max(Comparator.naturalOrder()).orElseThrow();
        sightings.removeIf(s -> s.observedAt().isBefore(newest.minus(RETENTION)));
        sightings.sort(Comparator.comparing(ClusterState.Sighting::observedAt).thenComparing(ClusterState.Sighting::signalId));

        var best = bestWindow(sightings, sighting.observedAt());
        if (best != null && key.contains("|class:") && best.stream().map(ClusterState.Sighting::substanceName).distinct().count() < 2) {
            best = null; // one substance throughout: its own cluster says it; the class cluster is for different members
        }
        var emitted = new ArrayList<>(state.emitted());
        Detection detection = null;
        if (best != null) {
            var types = best.stream().map(ClusterState.Sighting::sourceType).collect(Collectors.toCollection(() -> EnumSet.noneOf(SourceType.class)));
            var start = best.get(0).observedAt();
            var id = Detections.id(Rule.CROSS_SOURCE_CLUSTER, key + "|" + start, types.toString());
            if (!emitted.contains(id)) {
                emitted.add(id);
                detection = detection(id, key, best, types, start, signal, substance, context);
            }
        }
        // emitted ids carry no time; keep them as long as sightings can still form clusters
        if (emitted.size() > 200) {
            emitted.subList(0, emitted.size() - 200).clear();
        }
        return new Result(new ClusterState(sightings, emitted), detection);
    }

    /** The 7-day window containing {@code t} with the most source types (earliest on a tie); null below two. */
    private static List<ClusterState.Sighting> bestWindow(List<ClusterState.Sighting> sorted, Instant t) {
        List<ClusterState.Sighting> best = null;
        int bestTypes = 1;
        for (var first : sorted) {
            var start = first.observedAt();
            var end = start.plus(WINDOW);
            if (start.isAfter(t) || !t.isBefore(end)) {
                continue;
            }
            var inside = sorted.stream().filter(s -> !s.observedAt().isBefore(start) && s.observedAt().isBefore(end)).toList();
            int types = (int) inside.stream().map(ClusterState.Sighting::sourceType).distinct().count();
            if (types > bestTypes) {
                best = inside;
                bestTypes = types;
            }
        }
        return best;
    }

    private static Detection detection(String id, String key, List<ClusterState.Sighting> window, Set<SourceType> types,
                                       Instant start, SignalEnvelope signal, Substance substance, RuleContext context) {
        var county = key.substring(0, key.indexOf('|'));
        boolean byClass = key.contains("|class:");
        var certainty = window.stream().allMatch(s -> s.certainty() == Certainty.POSSIBLE) ? Certainty.POSSIBLE
                : types.size() >= 3 ? Certainty.OBSERVED : Certainty.LIKELY;
        var severity = substance.hazard() == Hazard.MODERATE ? Severity.HIGH : Severity.CRITICAL;
        var evidence = window.stream().map(ClusterState.Sighting::signalId).collect(Collectors.toCollection(TreeSet::new));
        var what = byClass ? className(substance.substanceClass()) + " (" + window.stream().map(ClusterState.Sighting::substanceName)
                .distinct().collect(Collectors.joining(", ")) + ")" : substance.name();
        var sources = types.stream().map(CrossSourceCluster::source).collect(Collectors.joining(" and "));
        var summary = capitalise(what) + " seen by " + sources + " in " + context.regionName(county) + " within 7 days ("
                + types.size() + " kinds of source, " + evidence.size() + " signals).";
        return new Detection(id, Rule.CROSS_SOURCE_CLUSTER, severity, certainty, county,
                byClass ? null : substance.id(), byClass ? null : substance.name(), substance.substanceClass(),
                start, start.plus(WINDOW), List.copyOf(evidence), types,
                Map.of("sourceTypes", (double) types.size(), "signals", (double) evidence.size()), summary,
                context.clock().instant());
    }

    private static String source(SourceType type) {
        return switch (type) {
            case WASTEWATER -> "wastewater";
            case DRUG_CHECKING -> "drug checking";
            case SEIZURE -> "seizures";
            case PATIENT_EVENT -> "patient events";
            case SYRINGE -> "syringes";
        };
    }

    private static String className(SubstanceClass c) {
        return c.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + "s";
    }

    private static String capitalise(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** The state after a sighting, and the detection it completed, if any. */
    record Result(ClusterState state, Detection detection) {
    }
}
