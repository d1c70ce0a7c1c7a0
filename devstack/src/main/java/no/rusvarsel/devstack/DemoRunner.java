package no.rusvarsel.devstack;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.serde.annotation.Serdeable;
import no.rusvarsel.contracts.signal.SignalPayload;
import no.rusvarsel.contracts.signal.SourceType;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Sends a {@link DemoScenario} through the public ingest API, as the dev providers, one JSON array per request. */
public final class DemoRunner {

    static final int BATCH = 100;
    private static final int MAX_RETRIES = 3;

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = true)
    record IngestResponse(@Nullable Integer accepted, @Nullable Integer duplicates, @Nullable Integer corrected) {
    }

    /** How one source type went. */
    public record Outcome(SourceType type, int sent, Map<Integer, Integer> statusCounts, int accepted, int duplicates,
                          int corrected, @Nullable String firstError) {
    }

    private final HttpClient client;
    private final String ingestUrl;
    private final DevSecrets secrets;
    private final PrintStream out;

    public DemoRunner(HttpClient client, String ingestUrl, DevSecrets secrets, PrintStream out) {
        this.client = client;
        this.ingestUrl = ingestUrl;
        this.secrets = secrets;
        this.out = out;
    }

    /** Sends everything; stops early (with one clear line) if the ingest API does not take signals yet. */
    public void run(DemoScenario scenario) {
        out.println();
        out.println("[devstack] demo: replaying " + scenario.size() + " synthetic records (" + DemoScenario.DAYS
                + " days up to " + scenario.today() + ") through " + ingestUrl + "/api/v1/signals/{sourceType}");
        for (var entry : scenario.bySourceType().entrySet()) {
            Outcome outcome;
            try {
                outcome = send(entry.getKey(), entry.getValue());
            } catch (IOException e) {
                out.println("[devstack] demo: cannot reach ingest-service (" + e.getMessage() + "); demo stopped, the stack keeps running");
                return;
            }
            if (outcome.statusCounts().keySet().stream().anyMatch(s -> s == 404 || s == 405)) {
                out.println("[devstack] demo: the ingest API does not accept signals yet (POST /api/v1/signals/"
                        + entry.getKey().path() + " → " + outcome.statusCounts().keySet() + "); demo skipped, the stack keeps running");
                return;
            }
            out.println(describe(outcome));
        }
        out.println("[devstack] demo: done. Injected events: isotonitazene sold as oxycodone (Oslo 0301), carfentanil seized by customs"
                + " (Ullensaker 3209), metonitazene overdose cluster (Bergen 4601), 280 mg MDMA tablet (Trondheim 5001),"
                + " tripled cocaine load in Trondheim's wastewater.");
    }

    static String describe(Outcome o) {
        var text = new StringBuilder(String.format("  %-14s %4d sent   HTTP", o.type().path(), o.sent()));
        o.statusCounts().forEach((status, count) -> text.append(' ').append(status).append(" ×").append(count));
        if (o.statusCounts().containsKey(202)) {
            text.append(String.format("   accepted %d, duplicates %d, corrected %d", o.accepted(), o.duplicates(), o.corrected()));
        }
        if (o.firstError() != null) {
            text.append("\n                 first error: ").append(o.firstError());
        }
        return text.toString();
    }

    Outcome send(SourceType type, List<? extends SignalPayload> records) throws IOException {
        var statusCounts = new TreeMap<Integer, Integer>();
        int accepted = 0;
        int duplicates = 0;
        int corrected = 0;
        String firstError = null;
        for (int from = 0; from < records.size(); from += BATCH) {
            var batch = records.subList(from, Math.min(records.size(), from + BATCH));
            HttpResponse<String> response = post(type, toJsonArray(batch));
            int status = response.statusCode();
            statusCounts.merge(status, 1, Integer::sum);
            if (status == 202 || status == 200) {
                try {
                    var body = Json.read(response.body(), IngestResponse.class);
                    accepted += body.accepted() == null ? 0 : body.accepted();
                    duplicates += body.duplicates() == null ? 0 : body.duplicates();
                    corrected += body.corrected() == null ? 0 : body.corrected();
                } catch (RuntimeException e) {
                    // counts unknown; the status says enough
                }
            } else {
                if (firstError == null) {
                    firstError = abbreviate(response.body());
                }
                if (status == 404 || status == 405) {
                    break;
                }
            }
        }
        return new Outcome(type, records.size(), statusCounts, accepted, duplicates, corrected, firstError);
    }

    private HttpResponse<String> post(SourceType type, String body) throws IOException {
        var request = HttpRequest.newBuilder(URI.create(ingestUrl + "/api/v1/signals/" + type.path()))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + secrets.keyFor(type))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        for (int attempt = 1; ; attempt++) {
            HttpResponse<String> response;
            try {
                response = client.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
            int status = response.statusCode();
            if ((status == 429 || status == 503) && attempt < MAX_RETRIES) {
                long wait = response.headers().firstValue("Retry-After").map(DemoRunner::seconds).orElse(2L);
                sleep(Duration.ofSeconds(Math.max(1, Math.min(wait, 15))));
                continue;
            }
            return response;
        }
    }

    /** A JSON array of the records, each written as its own concrete record type (no polymorphic type property). */
    static String toJsonArray(List<? extends SignalPayload> records) {
        var json = new StringBuilder("[");
        for (SignalPayload record : records) {
            if (json.length() > 1) {
                json.append(',');
            }
            json.append(toJson(record));
        }
        return json.append(']').toString();
    }

    /**
     * One record as the ingest API takes it: the contract record's fields in order, without the {@code type}
     * discriminator that {@link SignalPayload}'s polymorphic mapping adds (that belongs to the Kafka envelope only).
     */
    @SuppressWarnings("unchecked")
    static String toJson(SignalPayload record) {
        try {
            String withType = Json.mapper().writeValueAsString(record);
            Map<String, Object> fields = Json.mapper().readValue(withType, Argument.mapOf(String.class, Object.class));
            var body = new LinkedHashMap<String, Object>(fields);
            body.remove("type");
            return Json.mapper().writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long seconds(String retryAfter) {
        try {
            return Long.parseLong(retryAfter.trim());
        } catch (NumberFormatException e) {
            return 2;
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String abbreviate(String body) {
        if (body == null) {
            return "";
        }
        String oneLine = body.replaceAll("\\s+", " ").trim();
        return oneLine.length() > 300 ? oneLine.substring(0, 300) + "…" : oneLine;
    }
}
