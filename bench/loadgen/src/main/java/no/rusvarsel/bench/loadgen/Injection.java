package no.rusvarsel.bench.loadgen;

import io.micronaut.core.annotation.Nullable;

import java.util.Locale;
import java.util.Objects;

/**
 * An event to inject into the background: what, in which county, from which day of the scenario (0 = the start date).
 *
 * @param kind      what happens
 * @param county    county number (2 digits) from the region catalogue
 * @param day       the day of the first signal, counted from the scenario's start (0-based)
 * @param substance substance name (default per kind, see {@link Kind#defaultSubstance()})
 * @param soldAs    what a mis-sold sample was sold as (NITAZENE_APPEARING and MISSOLD_BATCH; default per kind)
 * @param region    municipality (4 digits) in the county where it happens; default the county's main municipality
 */
public record Injection(Kind kind, String county, int day, @Nullable String substance, @Nullable String soldAs,
                        @Nullable String region) {

    /** The kinds of event, each aimed at analytics rules (see {@link GroundTruth.Expected}). */
    public enum Kind {
        /** A nitazene turns up: a drug-checking sample sold as something else, then syringe residues and an overdose. */
        NITAZENE_APPEARING("protonitazene", "heroin"),
        /** A batch of tablets sold as one drug containing another: several drug-checking samples and a seizure. */
        MISSOLD_BATCH("bromazolam", "alprazolam"),
        /** Overdoses several times the county's usual count over two days, the substance confirmed in some, and in syringes. */
        OVERDOSE_CLUSTER("metonitazene", null),
        /** One wastewater sample at the county's first site with three times the usual load. */
        WASTEWATER_RISE("cocaine", null),
        /** A seizure of a very potent opioid (customs). */
        POTENT_OPIOID_SEIZURE("carfentanil", null),
        /** A drug-checking tablet of 1.4 times the catalogue's potency threshold. */
        HIGH_POTENCY_TABLET("mdma", null);

        private final String defaultSubstance;
        private final String defaultSoldAs;

        Kind(String defaultSubstance, String defaultSoldAs) {
            this.defaultSubstance = defaultSubstance;
            this.defaultSoldAs = defaultSoldAs;
        }

        public String defaultSubstance() {
            return defaultSubstance;
        }

        public @Nullable String defaultSoldAs() {
            return defaultSoldAs;
        }

        /** {@code nitazene-appearing} or {@code NITAZENE_APPEARING} → the kind. */
        public static Kind parse(String text) {
            try {
                return valueOf(text.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown injection kind '" + text + "'; one of " + names());
            }
        }

        public String cliName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        static String names() {
            var names = new StringBuilder();
            for (Kind k : values()) {
                names.append(names.length() == 0 ? "" : ", ").append(k.cliName());
            }
            return names.toString();
        }
    }

    public Injection {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(county, "county");
    }

    public static Injection of(Kind kind, String county, int day) {
        return new Injection(kind, county, day, null, null, null);
    }

    public Injection withSubstance(String name) {
        return new Injection(kind, county, day, name, soldAs, region);
    }

    public Injection withSoldAs(String name) {
        return new Injection(kind, county, day, substance, name, region);
    }

    public Injection inRegion(String municipality) {
        return new Injection(kind, county, day, substance, soldAs, municipality);
    }

    public String substanceOrDefault() {
        return substance == null ? kind.defaultSubstance() : substance;
    }

    public @Nullable String soldAsOrDefault() {
        return soldAs == null ? kind.defaultSoldAs() : soldAs;
    }

    /**
     * The CLI form {@code kind:county:day[:substance[:soldAs]]}, e.g. {@code nitazene-appearing:46:30} or
     * {@code missold-batch:03:40:bromazolam:alprazolam}.
     */
    public static Injection parse(String text) {
        var parts = text.split(":", -1);
        if (parts.length < 3 || parts.length > 5) {
            throw new IllegalArgumentException("--inject wants kind:county:day[:substance[:soldAs]], got '" + text + "'");
        }
        int day;
        try {
            day = Integer.parseInt(parts[2].trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--inject '" + text + "': day must be a whole number, got '" + parts[2] + "'");
        }
        var substance = parts.length > 3 && !parts[3].isBlank() ? parts[3].trim() : null;
        var soldAs = parts.length > 4 && !parts[4].isBlank() ? parts[4].trim() : null;
        return new Injection(Kind.parse(parts[0]), parts[1].trim(), day, substance, soldAs, null);
    }

    /** Days of history before {@link #day()} the rules need to judge this event (0 when none). */
    public int historyNeeded() {
        return switch (kind) {
            // EARS C2 with a 7-day baseline, 2-day guard and the analytics' 2 extra lag days
            case OVERDOSE_CLUSTER -> 11;
            // 7 earlier samples at the site
            case WASTEWATER_RISE -> 7;
            default -> 0;
        };
    }

    /** Days after {@link #day()} on which the event still sends signals. */
    int lastDayOffset() {
        return switch (kind) {
            case NITAZENE_APPEARING -> 3;
            case MISSOLD_BATCH -> 3;
            case OVERDOSE_CLUSTER -> 1;
            default -> 0;
        };
    }
}
