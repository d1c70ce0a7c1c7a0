package no.rusvarsel.contracts.catalogue;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An immutable set of substances and the matcher for free-text names: exact on the {@link NameKey}
 * of ids, names, synonyms and metabolites, then on a {@link SpellingKey} that forgives spelling
 * variants ("Isotonitazen", "kokain", "amfetamin"). A loose key shared by two substances matches neither.
 * <p>
 * Normalising a name ({@code NameKey}: Unicode decomposition and two regular expressions) was a tenth of the samples
 * of both ingest and the analytics topology under load; reported names repeat (a few hundred distinct ones), so the
 * catalogue remembers what each name matched, up to {@link #MAX_REMEMBERED} names.
 */
public final class SubstanceCatalogue {

    /** The catalogue shipped in this jar. */
    public static final String DEFAULT_RESOURCE = "catalogue/substances.json";

    /** The file format: a version label and the entries. */
    @Serdeable
    public record Document(String version, List<Substance> substances) {
    }

    private record Entry(Substance substance, SubstanceMatch.Kind kind) {
    }

    /** Distinct names remembered; beyond this, names are matched without being remembered. */
    public static final int MAX_REMEMBERED = 10_000;

    private final ConcurrentHashMap<String, SubstanceMatch> matches = new ConcurrentHashMap<>();
    private final String version;
    private final Map<String, Substance> byId;
    private final Map<String, Entry> exact;
    private final Map<String, Entry> loose;

    private SubstanceCatalogue(String version, Collection<Substance> substances) {
        this.version = version;
        var ids = new LinkedHashMap<String, Substance>();
        var exactKeys = new HashMap<String, Entry>();
        for (var s : substances) {
            if (ids.put(s.id(), s) != null) {
                throw new IllegalArgumentException("duplicate substance id: " + s.id());
            }
            put(exactKeys, NameKey.of(s.id()), new Entry(s, SubstanceMatch.Kind.NAME));
            put(exactKeys, NameKey.of(s.name()), new Entry(s, SubstanceMatch.Kind.NAME));
            s.synonyms().forEach(n -> put(exactKeys, NameKey.of(n), new Entry(s, SubstanceMatch.Kind.SYNONYM)));
            s.metabolites().forEach(n -> put(exactKeys, NameKey.of(n), new Entry(s, SubstanceMatch.Kind.METABOLITE)));
        }
        var looseKeys = new HashMap<String, Entry>();
        var ambiguous = new HashSet<String>();
        exactKeys.forEach((key, entry) -> {
            var spelling = SpellingKey.of(key);
            var previous = looseKeys.putIfAbsent(spelling, entry);
            if (previous != null && !previous.substance().id().equals(entry.substance().id())) {
                ambiguous.add(spelling);
            }
        });
        ambiguous.forEach(looseKeys::remove);
        this.byId = Map.copyOf(ids);
        this.exact = Map.copyOf(exactKeys);
        this.loose = Map.copyOf(looseKeys);
    }

    private static void put(Map<String, Entry> keys, String key, Entry entry) {
        if (key.isEmpty()) {
            throw new IllegalArgumentException("substance " + entry.substance().id() + " has a name with no letters or digits");
        }
        var previous = keys.get(key);
        if (previous == null || previous.substance().id().equals(entry.substance().id())) {
            // within one substance the strongest kind wins: NAME before SYNONYM before METABOLITE
            if (previous == null || entry.kind().ordinal() < previous.kind().ordinal()) {
                keys.put(key, entry);
            }
            return;
        }
        throw new IllegalArgumentException("name key '" + key + "' is used by both "
                + previous.substance().id() + " and " + entry.substance().id());
    }

    public static SubstanceCatalogue of(String version, Collection<Substance> substances) {
        return new SubstanceCatalogue(version, substances);
    }

    /** The catalogue shipped with Rusvarsel. */
    public static SubstanceCatalogue defaultCatalogue() {
        return load(null);
    }

    /** A catalogue from a file, or the shipped one when {@code path} is null or blank. */
    public static SubstanceCatalogue load(@Nullable String path) {
        var doc = CatalogueFiles.read(path, DEFAULT_RESOURCE, Document.class);
        return new SubstanceCatalogue(doc.version(), doc.substances());
    }

    /** Matches a free-text name; never throws, an unknown or blank name is {@link SubstanceMatch.Kind#UNRECOGNISED}. */
    public SubstanceMatch match(@Nullable String name) {
        if (name == null) {
            return SubstanceMatch.unrecognised();
        }
        var known = matches.get(name);
        if (known != null) {
            return known;
        }
        var matched = matchKey(name);
        if (matches.size() < MAX_REMEMBERED) {
            matches.put(name, matched);
        }
        return matched;
    }

    private SubstanceMatch matchKey(String name) {
        var key = NameKey.of(name);
        if (key.isEmpty()) {
            return SubstanceMatch.unrecognised();
        }
        var entry = exact.get(key);
        if (entry == null) {
            entry = loose.get(SpellingKey.of(key));
        }
        if (entry == null) {
            return SubstanceMatch.unrecognised();
        }
        var kind = entry.kind() == SubstanceMatch.Kind.METABOLITE ? SubstanceMatch.Kind.METABOLITE
                : key.equals(NameKey.of(entry.substance().name())) || key.equals(NameKey.of(entry.substance().id()))
                ? SubstanceMatch.Kind.NAME : SubstanceMatch.Kind.SYNONYM;
        return new SubstanceMatch(kind, Optional.of(entry.substance()));
    }

    public Optional<Substance> byId(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    public Collection<Substance> all() {
        return byId.values();
    }

    public String version() {
        return version;
    }

    public int size() {
        return byId.size();
    }

    public Set<String> ids() {
        return byId.keySet();
    }
}
