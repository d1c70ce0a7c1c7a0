package no.rusvarsel.alerts.dashboard;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads one metric's samples from the Prometheus text format: label set → value. */
final class PrometheusText {

    private static final Pattern LABEL = Pattern.compile("(\\w+)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private PrometheusText() {
    }

    /** The samples of {@code metric}, each keyed by its labels (e.g. {@code {outcome=accepted, source_type=seizure}}). */
    static Map<Map<String, String>, Double> samples(String text, String metric) {
        var out = new HashMap<Map<String, String>, Double>();
        for (var line : text.split("\n")) {
            if (!line.startsWith(metric) || line.length() <= metric.length()) {
                continue;
            }
            char next = line.charAt(metric.length());
            if (next != '{' && next != ' ') {
                continue;
            }
            var labels = new HashMap<String, String>();
            String rest = line.substring(metric.length());
            if (next == '{') {
                int close = rest.lastIndexOf('}');
                if (close < 0) {
                    continue;
                }
                Matcher m = LABEL.matcher(rest.substring(1, close));
                while (m.find()) {
                    labels.put(m.group(1), m.group(2));
                }
                rest = rest.substring(close + 1);
            }
            var parts = rest.strip().split("\\s+");
            try {
                out.merge(Map.copyOf(labels), Double.parseDouble(parts[0]), Double::sum);
            } catch (NumberFormatException ignored) {
                // not a sample line
            }
        }
        return out;
    }
}
