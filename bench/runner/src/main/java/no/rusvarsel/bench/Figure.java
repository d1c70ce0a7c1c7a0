package no.rusvarsel.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One figure of the report: its samples over the repetitions (value = median, with min and max), the baseline measured
 * in the same run (or why there is none), the ratio value / baseline, the goal and whether it is met. A latency figure's
 * samples are its probes and its value a percentile of them ({@link #statistic} {@code p99}), its baseline's too.
 */
final class Figure {

    /** Samples of one quantity: min, median, max. */
    record Stats(List<Double> samples) {
        /** More samples than this (raw Kafka latencies) are summarised, not listed in the report. */
        static final int MAX_LISTED = 200;

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

        /** The nearest-rank percentile (p in 0–100): the smallest sample with at least p % of the samples at or below it. */
        double percentile(double p) {
            if (samples.isEmpty()) {
                return Double.NaN;
            }
            var sorted = new ArrayList<>(samples);
            Collections.sort(sorted);
            int index = (int) Math.ceil(p / 100 * sorted.size()) - 1;
            return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
        }

        /** {@code median} or {@code pNN}. */
        double statistic(String name) {
            return name.equals("median") ? median() : percentile(Double.parseDouble(name.substring(1)));
        }

        Map<String, Object> json() {
            var m = new LinkedHashMap<String, Object>();
            m.put("median", median());
            m.put("min", min());
            m.put("max", max());
            m.put("n", samples.size());
            m.put("samples", samples.size() <= MAX_LISTED ? samples : "(" + samples.size() + " samples, not listed)");
            return m;
        }
    }

    final String name;
    final String unit;
    final String goal;
    /** What the value is of the samples: {@code median} (repetitions), or a percentile such as {@code p99} (probes). */
    String statistic = "median";
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

    /** The value: the {@link #statistic} of the samples. */
    double headline() {
        return value == null ? Double.NaN : value.statistic(statistic);
    }

    /** The baseline's value: the same statistic of its samples. */
    double baselineHeadline() {
        return baseline == null ? Double.NaN : baseline.statistic(statistic);
    }

    Double ratio() {
        if (value == null || baseline == null || baselineHeadline() == 0 || Double.isNaN(baselineHeadline())) {
            return null;
        }
        return headline() / baselineHeadline();
    }

    Map<String, Object> json() {
        var m = new LinkedHashMap<String, Object>();
        m.put("name", name);
        m.put("unit", unit);
        m.put("statistic", statistic);
        m.put("value", value == null ? null : headline());
        m.put("min", value == null ? null : value.min());
        m.put("max", value == null ? null : value.max());
        m.put("samples", value == null ? List.of() : value.samples().size() <= Stats.MAX_LISTED ? value.samples()
                : List.of());
        m.put("n", value == null ? 0 : value.samples().size());
        if (baseline != null) {
            var b = baseline.json();
            b.put("value", baselineHeadline());
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
