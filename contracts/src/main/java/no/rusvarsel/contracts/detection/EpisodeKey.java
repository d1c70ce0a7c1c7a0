package no.rusvarsel.contracts.detection;

/** The alert episode a detection belongs to: county, substance (or else its class), rule family (DESIGN §6). */
public final class EpisodeKey {

    private EpisodeKey() {
    }

    public static String of(String county, Detection d) {
        var subject = d.substance() != null ? d.substance()
                : d.substanceClass() != null ? d.substanceClass().name()
                : d.rule().family() == Rule.Family.OPERATIONAL && !d.evidence().isEmpty() ? d.evidence().get(0)
                : "-";
        return county + "|" + subject + "|" + d.rule().family();
    }
}
