package no.rusvarsel.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One figure of the report: its samples over the repetitions (value = median, with min and max), the baseline measured
 * in the same run (or why there is none), the ratio value / baseline, the goal and whether it is met.
 */
final class Figure {

    /** Samples of one quantity: min, median, max. */
    record Stats(List<Double> samples) {
        Stats {
            samples = List.copyOf(samples);
        }

        double median() {
            var sorted = new ArrayList<>(samples);
            Collections.sort(sorted);
            int n = sorted.size();
            return n == 0 ? Double.NaN : n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        }

        double min() {
            return samples.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
        }

        double max() {
            return samples.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        }

        Map<String, Object> json() {
            var m = new LinkedHashMap<String, Object>();
            m.put("median", median());
            m.put("min", min());
            m.put("max", max());
            m.put("samples", samples);
            return m;
        }
    }

    final String name;
    final String unit;
    final String goal;
    Stats value;
    String baselineName;
    Stats baseline;
    String baselineReason;
    Boolean pass;
    String verdict;
    String error;
    final Map<String, Object> details = new LinkedHashMap<>();

    Figure(String name, String unit, String goal) {
        this.name = name;
        this.unit = unit;
        this.goal = goal;
    }

    Double ratio() {
        if (value == null || baseline == null || baseline.median() == 0 || Double.isNaN(baseline.median())) {
            return null;
        }
        return value.median() / baseline.median();
    }

    Map<String, Object> json() {
        var m = new LinkedHashMap<String, Object>();
        m.put("name", name);
        m.put("unit", unit);
        m.put("value", value == null ? null : value.median());
        m.put("min", value == null ? null : value.min());
        m.put("max", value == null ? null : value.max());
        m.put("samples", value == null ? List.of() : value.samples());
        if (baseline != null) {
            var b = baseline.json();
            b.put("name", baselineName);
            m.put("baseline", b);
        } else {
            m.put("baseline", null);
            m.put("baselineReason", baselineReason == null ? "no baseline" : baselineReason);
        }
        m.put("ratio", ratio());
        m.put("goal", goal);
        m.put("pass", pass);
        m.put("verdict", verdict);
        if (error != null) {
            m.put("error", error);
        }
        m.put("details", details);
        return m;
    }
}
