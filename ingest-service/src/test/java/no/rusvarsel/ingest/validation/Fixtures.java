package no.rusvarsel.ingest.validation;

import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.ObjectMapper;
import no.rusvarsel.contracts.catalogue.RegionCatalogue;
import no.rusvarsel.contracts.signal.SourceType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Test data: one valid record per source type, a fixed clock, and copies of records with one value changed. */
final class Fixtures {

    /** "Now" in every test: 1 December 2025, 12:00 UTC. */
    static final Instant NOW = Instant.parse("2025-12-01T12:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final Duration SKEW = Duration.ofMinutes(5);
    static final RegionCatalogue REGIONS = RegionCatalogue.defaultCatalogue();

    private static final Pattern SEGMENT = Pattern.compile("([^.\\[]+)|\\[(\\d+)]");

    private Fixtures() {
    }

    static RecordValidator validator() {
        return new RecordValidator(REGIONS, CLOCK, SKEW);
    }

    static JsonNode json(String text) {
        try {
            return ObjectMapper.getDefault().readValue(text, JsonNode.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode valid(SourceType type) {
        return json(switch (type) {
            case WASTEWATER -> """
                    {"externalId":"WW-OSL-2025-11-03","region":"0301","observedAt":"2025-11-03",
                     "siteId":"VEAS","populationServed":750000,
                     "sampleStart":"2025-11-03T07:00:00+01:00","sampleEnd":"2025-11-04T07:00:00+01:00",
                     "measurements":[
                       {"substance":"benzoylecgonine","concentrationNgPerL":812.5,"loadMgPerDayPer1000":512.3},
                       {"substance":"MDMA","concentrationNgPerL":0,"belowLoq":true}]}""";
            case DRUG_CHECKING -> """
                    {"externalId":"RF-2025-0142","region":"4601","observedAt":"2025-11-20T18:30:00+01:00",
                     "notes":"Rosa tablett med logo","form":"TABLET","soldAs":"MDMA","method":"FTIR","confirmed":true,
                     "components":[{"substance":"MDMA","amountMg":187.5},{"substance":"koffein","purityPercent":12}]}""";
            case SEIZURE -> """
                    {"externalId":"TOLL-2025-881","region":"1103","observedAt":"2025-10-14","agency":"CUSTOMS",
                     "items":[{"substance":"kokain","quantity":1.2,"unit":"KG","purityPercent":78.5,"form":"POWDER"},
                              {"substance":"isotonitazen","quantity":40,"unit":"TABLETS"}]}""";
            case PATIENT_EVENT -> """
                    {"externalId":"AMK-5001-2025-11-18","region":"5001","observedAt":"2025-11-18",
                     "eventType":"OVERDOSE_NONFATAL","setting":"AMBULANCE","count":3,"ageBand":"20-29","sex":"MALE",
                     "suspectedSubstances":["heroin","isotonitazen"],"confirmedSubstances":[]}""";
            case SYRINGE -> """
                    {"externalId":"SPR-OSL-2025-W46","region":"0301","observedAt":"2025-11-14","siteId":"Prindsen",
                     "syringeCount":40,"detected":[{"substance":"heroin","syringesPositive":22},
                                                   {"substance":"metamfetamin","syringesPositive":15}]}""";
        });
    }

    /** A copy of {@code root} with the value at {@code path} (e.g. {@code components[0].amountMg}) replaced or added. */
    static JsonNode with(JsonNode root, String path, JsonNode value) {
        return set(root, segments(path), 0, value);
    }

    static JsonNode with(JsonNode root, String path, String jsonValue) {
        return with(root, path, json(jsonValue));
    }

    /** A copy of {@code root} without the value at {@code path}. */
    static JsonNode without(JsonNode root, String path) {
        return set(root, segments(path), 0, null);
    }

    private static List<Object> segments(String path) {
        var segments = new ArrayList<Object>();
        Matcher m = SEGMENT.matcher(path);
        while (m.find()) {
            segments.add(m.group(1) != null ? m.group(1) : (Object) Integer.parseInt(m.group(2)));
        }
        return segments;
    }

    private static JsonNode set(JsonNode node, List<Object> segments, int i, JsonNode value) {
        if (i == segments.size()) {
            return value;
        }
        if (segments.get(i) instanceof String key) {
            var members = new LinkedHashMap<String, JsonNode>();
            node.entries().forEach(e -> members.put(e.getKey(), e.getValue()));
            JsonNode child = set(members.get(key), segments, i + 1, value);
            if (child == null) {
                members.remove(key);
            } else {
                members.put(key, child);
            }
            return JsonNode.createObjectNode(members);
        }
        int index = (Integer) segments.get(i);
        var items = new ArrayList<JsonNode>();
        node.values().forEach(items::add);
        JsonNode child = set(items.get(index), segments, i + 1, value);
        if (child == null) {
            items.remove(index);
        } else {
            items.set(index, child);
        }
        return JsonNode.createArrayNode(items);
    }

    static JsonNode string(String value) {
        return JsonNode.createStringNode(value);
    }

    /** A JSON array of {@code n} copies of {@code item}. */
    static JsonNode arrayOf(int n, JsonNode item) {
        var items = new ArrayList<JsonNode>();
        for (int i = 0; i < n; i++) {
            items.add(item);
        }
        return JsonNode.createArrayNode(items);
    }
}
