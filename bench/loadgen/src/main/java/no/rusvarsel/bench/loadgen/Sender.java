package no.rusvarsel.bench.loadgen;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.ObjectMapper;
import io.micronaut.serde.annotation.Serdeable;
import no.rusvarsel.contracts.signal.SourceType;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.Locale;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * Sends generated signals through the public ingest API, {@code POST /api/v1/signals/{sourceType}}, as JSON arrays of
 * up to {@code batchSize} records of one source type, from {@code clients} concurrent clients, paced to {@code rate}
 * records a second or as fast as the service takes them. 429 and 503 are retried after their {@code Retry-After}, a
 * failed connection after a short back-off; 404 or 405 (no ingest API there) stops the run. Every record's outcome,
 * with the moment its 202 arrived, goes to a {@link Listener}.
 */
public final class Sender {

    /**
     * @param ingestUrl      base URL of ingest-service, e.g. {@code http://127.0.0.1:8081}
     * @param batchSize      records per request (1–10 000)
     * @param rate           records per second; 0 or less: as fast as possible
     * @param clients        concurrent requests
     * @param maxRetries     retries of one request after 429, 503 or a connection failure
     * @param requestTimeout timeout of one request
     * @param flushEachDay   send a day's partial batches before the next day's records (keeps event time roughly in order)
     * @param signalsPath    the path the source type's path is appended to: {@value #SIGNALS_PATH} (the intake), or
     *                       another endpoint that takes the same requests (the benchmark's bare endpoint)
     */
    public record Options(URI ingestUrl, int batchSize, double rate, int clients, int maxRetries, Duration requestTimeout,
                          boolean flushEachDay, String signalsPath) {

        public static final String SIGNALS_PATH = "/api/v1/signals/";

        public Options {
            Objects.requireNonNull(ingestUrl, "ingestUrl");
            if (signalsPath == null || !signalsPath.startsWith("/") || !signalsPath.endsWith("/")) {
                throw new IllegalArgumentException("signals path must start and end with /, got " + signalsPath);
            }
            if (batchSize < 1 || batchSize > 10_000) {
                throw new IllegalArgumentException("batch size must be 1–10000, got " + batchSize);
            }
            if (clients < 1 || clients > 256) {
                throw new IllegalArgumentException("clients must be 1–256, got " + clients);
            }
            if (maxRetries < 0) {
                throw new IllegalArgumentException("retries must be ≥ 0, got " + maxRetries);
            }
        }

        public static Options defaults(String ingestUrl) {
            return new Options(URI.create(ingestUrl.replaceAll("/+$", "")), 100, 0, 4, 10, Duration.ofSeconds(60), true, SIGNALS_PATH);
        }

        public Options withBatchSize(int size) {
            return new Options(ingestUrl, size, rate, clients, maxRetries, requestTimeout, flushEachDay, signalsPath);
        }

        public Options withRate(double recordsPerSecond) {
            return new Options(ingestUrl, batchSize, recordsPerSecond, clients, maxRetries, requestTimeout, flushEachDay, signalsPath);
        }

        public Options withClients(int n) {
            return new Options(ingestUrl, batchSize, rate, n, maxRetries, requestTimeout, flushEachDay, signalsPath);
        }

        public Options withMaxRetries(int n) {
            return new Options(ingestUrl, batchSize, rate, clients, n, requestTimeout, flushEachDay, signalsPath);
        }

        /** Requests go to {@code path + sourceType} instead of the intake ({@value #SIGNALS_PATH}). */
        public Options withSignalsPath(String path) {
            return new Options(ingestUrl, batchSize, rate, clients, maxRetries, requestTimeout, flushEachDay, path);
        }
    }

    /** What became of one record. {@code status}: ACCEPTED, DUPLICATE or CORRECTED (HTTP 202), else FAILED. */
    public record Receipt(SourceType sourceType, String provider, String externalId, String status, @Nullable String signalId,
                          int httpStatus, Instant sentAt, Instant answeredAt) {

        public boolean accepted() {
            return httpStatus == 202;
        }
    }

    /** Gets every record's receipt, a batch at a time, from the sending threads (concurrently). */
    @FunctionalInterface
    public interface Listener {
        void receipts(List<Receipt> batch);

        Listener NONE = batch -> {
        };
    }

    /** Counts of one source type. */
    public record TypeReport(SourceType type, long sent, Map<Integer, Long> requestsByStatus, long accepted, long duplicates,
                             long corrected, long failed, @Nullable String firstError) {
    }

    /**
     * The whole run. {@code requestsByStatus} counts requests by their final HTTP status (0: no answer after the
     * retries); {@code failed} records are those not answered with 202.
     */
    public record Report(long sent, long accepted, long duplicates, long corrected, long failed, long retries,
                         Map<Integer, Long> requestsByStatus, Map<SourceType, TypeReport> byType, Duration elapsed,
                         @Nullable String stoppedBecause) {

        public double recordsPerSecond() {
            double seconds = elapsed.toNanos() / 1e9;
            return seconds <= 0 ? 0 : sent / seconds;
        }

        public long count(int status) {
            return requestsByStatus.getOrDefault(status, 0L);
        }

        /** Requests answered 4xx / 5xx. */
        public long clientErrors() {
            return requestsByStatus.entrySet().stream().filter(e -> e.getKey() >= 400 && e.getKey() < 500).mapToLong(Map.Entry::getValue).sum();
        }

        public long serverErrors() {
            return requestsByStatus.entrySet().stream().filter(e -> e.getKey() >= 500).mapToLong(Map.Entry::getValue).sum();
        }

        /** Per source type: sent, HTTP statuses, accepted/duplicates/corrected/failed, first error; then the totals. */
        public String describe() {
            var r = this;
            var text = new StringBuilder();
            for (var t : r.byType().values()) {
                text.append(String.format(Locale.ROOT, "  %-14s %7d sent   HTTP", t.type().path(), t.sent()));
                t.requestsByStatus().forEach((status, n) -> text.append(' ').append(status == 0 ? "no answer" : status).append(" ×").append(n));
                text.append(String.format(Locale.ROOT, "   accepted %d, duplicates %d, corrected %d", t.accepted(), t.duplicates(), t.corrected()));
                if (t.failed() > 0) {
                    text.append(", failed ").append(t.failed());
                }
                text.append('\n');
                if (t.firstError() != null) {
                    text.append("                 first error: ").append(t.firstError()).append('\n');
                }
            }
            text.append(String.format(Locale.ROOT, "  total          %7d sent in %.1f s (%.0f records/s): accepted %d, duplicates %d, corrected %d, "
                            + "failed %d; requests 4xx %d, 5xx %d, retried %d%n", r.sent(), r.elapsed().toNanos() / 1e9, r.recordsPerSecond(),
                    r.accepted(), r.duplicates(), r.corrected(), r.failed(), r.clientErrors(), r.serverErrors(), r.retries()));
            if (r.stoppedBecause() != null) {
                text.append("  stopped: ").append(r.stoppedBecause()).append('\n');
            }
            return text.toString();
        }
    }

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = true)
    record IngestResponse(@Nullable Integer accepted, @Nullable Integer duplicates, @Nullable Integer corrected,
                          @Nullable List<Result> results) {
        @Serdeable
        @JsonIgnoreProperties(ignoreUnknown = true)
        record Result(@Nullable String externalId, @Nullable String signalId, @Nullable String status) {
        }
    }

    private static final long MAX_RETRY_WAIT_SECONDS = 30;

    private final HttpClient client;
    private final Options options;
    private final ProviderKeys keys;
    private final ObjectMapper json = ObjectMapper.getDefault();

    public Sender(HttpClient client, Options options, ProviderKeys keys) {
        this.client = client;
        this.options = options;
        this.keys = keys;
    }

    /** An HTTP/1.1 client (one kept-alive connection per concurrent request). */
    public static HttpClient defaultClient() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** Sends everything (blocking); the report comes when every request is answered or given up. */
    public Report send(Stream<GeneratedSignal> signals, Listener listener) {
        var run = new Run(listener);
        var pool = Executors.newFixedThreadPool(options.clients(), r -> {
            var t = new Thread(r, "loadgen-sender");
            t.setDaemon(true);
            return t;
        });
        try {
            run.dispatch(signals.iterator(), pool);
        } finally {
            pool.shutdown();
            try {
                while (!pool.awaitTermination(1, TimeUnit.MINUTES)) {
                    // requests still answer or retry
                }
            } catch (InterruptedException e) {
                pool.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
        return run.report();
    }

    private final class Run {
        private final Listener listener;
        private final Semaphore inFlight = new Semaphore(options.clients() * 2);
        private final Map<SourceType, Counts> counts = new EnumMap<>(SourceType.class);
        private final AtomicLong retries = new AtomicLong();
        private final AtomicReference<String> stopped = new AtomicReference<>();
        private final long started = System.nanoTime();
        private long dispatched;

        Run(Listener listener) {
            this.listener = listener;
            for (SourceType t : SourceType.values()) {
                counts.put(t, new Counts());
            }
        }

        void dispatch(Iterator<GeneratedSignal> signals, ExecutorService pool) {
            var buffers = new EnumMap<SourceType, List<GeneratedSignal>>(SourceType.class);
            java.time.LocalDate day = null;
            while (signals.hasNext() && stopped.get() == null) {
                var signal = signals.next();
                if (options.flushEachDay() && day != null && !signal.arrivalDay().equals(day)) {
                    for (var buffer : buffers.values()) {
                        submit(buffer, pool);
                    }
                    buffers.clear();
                }
                day = signal.arrivalDay();
                var buffer = buffers.computeIfAbsent(signal.sourceType(), t -> new ArrayList<>(options.batchSize()));
                buffer.add(signal);
                if (buffer.size() >= options.batchSize()) {
                    submit(buffer, pool);
                    buffers.remove(signal.sourceType());
                }
            }
            for (var buffer : buffers.values()) {
                if (stopped.get() == null) {
                    submit(buffer, pool);
                }
            }
        }

        private void submit(List<GeneratedSignal> batch, ExecutorService pool) {
            if (batch.isEmpty()) {
                return;
            }
            if (options.rate() > 0) {
                long due = started + (long) (dispatched / options.rate() * 1e9);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    sleepNanos(wait);
                }
            }
            dispatched += batch.size();
            try {
                inFlight.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stopped.compareAndSet(null, "interrupted");
                return;
            }
            var copy = List.copyOf(batch);
            pool.execute(() -> {
                try {
                    post(copy);
                } finally {
                    inFlight.release();
                }
            });
        }

        /** One batch: all records share the source type; a batch may mix providers only if they share a key. */
        private void post(List<GeneratedSignal> batch) {
            var first = batch.get(0);
            var type = first.sourceType();
            var key = keys.keyFor(first.provider(), type).orElse("");
            var body = new StringBuilder(batch.size() * 300 + 2).append('[');
            for (int i = 0; i < batch.size(); i++) {
                if (i > 0) {
                    body.append(',');
                }
                PayloadJson.write(batch.get(i).payload(), body);
            }
            body.append(']');
            var request = HttpRequest.newBuilder(URI.create(options.ingestUrl() + options.signalsPath() + type.path()))
                    .timeout(options.requestTimeout())
                    .header("Authorization", "Bearer " + key)
                    .header("Content-Type", "application/json")
                    .header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                    .build();
            Instant sentAt = Instant.now();
            HttpResponse<String> response = null;
            String failure = null;
            for (int attempt = 0; ; attempt++) {
                try {
                    response = client.send(request, HttpResponse.BodyHandlers.ofString());
                } catch (IOException e) {
                    response = null;
                    failure = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    failure = "interrupted";
                    break;
                }
                int status = response == null ? 0 : response.statusCode();
                boolean retry = response == null || status == 429 || status == 503;
                if (!retry || attempt >= options.maxRetries() || stopped.get() != null) {
                    break;
                }
                retries.incrementAndGet();
                long waitMillis = response == null ? Math.min(5000, 250L * (attempt + 1))
                        : 1000 * retryAfterSeconds(response.headers().firstValue("Retry-After").orElse(null));
                sleepNanos(TimeUnit.MILLISECONDS.toNanos(waitMillis));
            }
            Instant answeredAt = Instant.now();
            int status = response == null ? 0 : response.statusCode();
            var c = counts.get(type);
            var receipts = new ArrayList<GeneratedSignal>(batch);
            List<Receipt> out = new ArrayList<>(batch.size());
            if (status == 202) {
                IngestResponse parsed = null;
                try {
                    parsed = json.readValue(response.body(), IngestResponse.class);
                } catch (IOException | RuntimeException e) {
                    c.error("202 with an unreadable body: " + abbreviate(response.body()));
                }
                var results = parsed == null || parsed.results() == null ? List.<IngestResponse.Result>of() : parsed.results();
                for (int i = 0; i < receipts.size(); i++) {
                    var g = receipts.get(i);
                    var r = i < results.size() ? results.get(i) : null;
                    var recordStatus = r == null || r.status() == null ? "ACCEPTED" : r.status();
                    out.add(new Receipt(type, g.provider(), g.externalId(), recordStatus, r == null ? null : r.signalId(), status,
                            sentAt, answeredAt));
                }
                c.answered(status, out);
            } else {
                for (var g : receipts) {
                    out.add(new Receipt(type, g.provider(), g.externalId(), "FAILED", null, status, sentAt, answeredAt));
                }
                c.answered(status, out);
                c.error(status == 0 ? "no answer: " + failure : "HTTP " + status + ": " + abbreviate(response.body()));
                if (status == 404 || status == 405) {
                    stopped.compareAndSet(null, "POST " + options.signalsPath() + type.path() + " answered " + status
                            + ": no ingest API at " + options.ingestUrl());
                }
            }
            listener.receipts(out);
        }

        Report report() {
            var byType = new EnumMap<SourceType, TypeReport>(SourceType.class);
            var statuses = new TreeMap<Integer, Long>();
            long sent = 0, accepted = 0, duplicates = 0, corrected = 0, failed = 0;
            for (var e : counts.entrySet()) {
                var r = e.getValue().report(e.getKey());
                if (r.sent() == 0) {
                    continue;
                }
                byType.put(e.getKey(), r);
                r.requestsByStatus().forEach((s, n) -> statuses.merge(s, n, Long::sum));
                sent += r.sent();
                accepted += r.accepted();
                duplicates += r.duplicates();
                corrected += r.corrected();
                failed += r.failed();
            }
            return new Report(sent, accepted, duplicates, corrected, failed, retries.get(), statuses, byType,
                    Duration.ofNanos(System.nanoTime() - started), stopped.get());
        }
    }

    /** One source type's counts, updated from the sending threads. */
    private static final class Counts {
        private long sent;
        private long accepted;
        private long duplicates;
        private long corrected;
        private long failed;
        private final Map<Integer, Long> statuses = new TreeMap<>();
        private String firstError;

        synchronized void answered(int status, List<Receipt> receipts) {
            statuses.merge(status, 1L, Long::sum);
            sent += receipts.size();
            for (var r : receipts) {
                switch (r.status()) {
                    case "ACCEPTED" -> accepted++;
                    case "DUPLICATE" -> duplicates++;
                    case "CORRECTED" -> corrected++;
                    default -> failed++;
                }
            }
        }

        synchronized void error(String message) {
            if (firstError == null) {
                firstError = message;
            }
        }

        synchronized TypeReport report(SourceType type) {
            return new TypeReport(type, sent, Map.copyOf(new TreeMap<>(statuses)), accepted, duplicates, corrected, failed, firstError);
        }
    }

    /** {@code Retry-After} in seconds (a number or an HTTP date), 1 when absent or unreadable, at most 30. */
    static long retryAfterSeconds(@Nullable String header) {
        if (header == null || header.isBlank()) {
            return 1;
        }
        long seconds;
        try {
            seconds = Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            try {
                seconds = Duration.between(Instant.now(), ZonedDateTime.parse(header.trim(), DateTimeFormatter.RFC_1123_DATE_TIME)).toSeconds();
            } catch (RuntimeException unreadable) {
                seconds = 1;
            }
        }
        return Math.max(1, Math.min(MAX_RETRY_WAIT_SECONDS, seconds));
    }

    private static void sleepNanos(long nanos) {
        try {
            TimeUnit.NANOSECONDS.sleep(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String abbreviate(@Nullable String body) {
        if (body == null) {
            return "";
        }
        String oneLine = body.replaceAll("\\s+", " ").trim();
        return oneLine.length() > 300 ? oneLine.substring(0, 300) + "…" : oneLine;
    }
}
