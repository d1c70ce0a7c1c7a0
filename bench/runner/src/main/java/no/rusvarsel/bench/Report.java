package no.rusvarsel.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The report: machine, plan, figures, what is not measured yet; as JSON and as Markdown. */
record Report(Map<String, Object> machine, Bench.Plan plan, List<Figure> figures, List<String> notMeasured, Instant began,
              Instant ended) {

    static final List<String> NOT_MEASURED = List.of(
            "profiles of the services (JFR) during the phases: only with --jfr (bench/README.md)");

    Map<String, Object> json() {
        var m = new LinkedHashMap<String, Object>();
        m.put("began", began.toString());
        m.put("seconds", Duration.between(began, ended).toSeconds());
        m.put("mode", plan.quick() ? "quick" : "full");
        m.put("repetitions", plan.reps());
        m.put("machine", machine);
        m.put("figures", figures.stream().map(Figure::json).toList());
        m.put("notMeasured", notMeasured);
        return m;
    }

    String markdown() {
        var md = new StringBuilder();
        md.append("# Rusvarsel benchmark report\n\n");
        md.append(String.format(Locale.ROOT, "%s run of %s, %d s, %d repetition(s) of the repeated figures.%n%n",
                plan.quick() ? "Quick (small volumes; the figures are indicative only)" : "Full", began,
                Duration.between(began, ended).toSeconds(), plan.reps()));
        md.append("## Machine\n\n");
        machine.forEach((k, v) -> md.append("- ").append(k).append(": ").append(v instanceof Map<?, ?> map ? map.toString() : v).append('\n'));
        md.append("\n## Figures\n\n");
        md.append("| figure | value | min – max | baseline | ratio | goal | result |\n");
        md.append("|---|---|---|---|---|---|---|\n");
        for (var f : figures) {
            md.append("| ").append(f.name).append(" | ");
            if (f.value == null) {
                md.append("not measured").append(f.error == null ? "" : ": " + f.error.replace('|', '/')).append(" | – | ");
            } else {
                md.append(Json.number(f.headline())).append(' ').append(f.unit).append(" (").append(f.statistic).append(") | ")
                        .append(Json.number(f.value.min())).append(" – ").append(Json.number(f.value.max()))
                        .append(" (n=").append(f.value.samples().size()).append(") | ");
            }
            md.append(f.baseline == null ? "none: " + f.baselineReason : Json.number(f.baselineHeadline()) + " " + f.unit
                    + " (" + f.statistic + ", " + Json.number(f.baseline.min()) + " – " + Json.number(f.baseline.max())
                    + ", n=" + f.baseline.samples().size() + "; " + f.baselineName + ")").append(" | ");
            md.append(f.ratio() == null ? "–" : String.format(Locale.ROOT, "%.3f×", f.ratio())).append(" | ");
            md.append(f.goal).append(" | ").append(f.verdict == null ? "–" : f.verdict).append(" |\n");
        }
        md.append("\n## Details\n\n");
        for (var f : figures) {
            md.append("### ").append(f.name).append("\n\n```json\n").append(Json.write(f.details)).append("```\n\n");
        }
        md.append("## Not measured in this version\n\n");
        notMeasured.forEach(n -> md.append("- ").append(n).append('\n'));
        return md.toString();
    }
}
