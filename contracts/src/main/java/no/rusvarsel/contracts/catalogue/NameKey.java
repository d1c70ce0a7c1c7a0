package no.rusvarsel.contracts.catalogue;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Map;

/**
 * The matching key of a substance name: lower case, accents removed, Greek letters spelled out,
 * every character that is not a letter or digit dropped ("Iso-Tonitazène" → "isotonitazene").
 */
public final class NameKey {

    private static final Map<String, String> GREEK = Map.of(
            "α", "alpha", "β", "beta", "γ", "gamma", "δ", "delta", "Δ", "delta");

    private NameKey() {
    }

    public static String of(String name) {
        if (name == null) {
            return "";
        }
        var text = name;
        for (var e : GREEK.entrySet()) {
            text = text.replace(e.getKey(), e.getValue());
        }
        // Norwegian letters that NFKD does not decompose
        text = text.replace("ø", "o").replace("Ø", "o").replace("æ", "ae").replace("Æ", "ae");
        text = Normalizer.normalize(text, Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
        return text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }
}
