package no.rusvarsel.bench.loadgen;

import io.micronaut.serde.ObjectMapper;
import no.rusvarsel.contracts.catalogue.RegionCatalogue;
import no.rusvarsel.contracts.signal.ObservedAt;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The load generator's command line: generate a scenario and send it through the ingest API, or write it as NDJSON. */
public final class LoadGenCli {

    static final String USAGE = """
            Usage: java -jar bench/loadgen/target/loadgen-0.1.0-SNAPSHOT.jar [options]

            Generates realistic synthetic signals of all five source types for every county (baseline noise, weekly
            patterns, injected events with their ground truth) and sends them through POST /api/v1/signals/{sourceType}.

            What to generate:
              --days N                 days of data, ending today unless --start is given (default 14)
              --start YYYY-MM-DD       first day (default: so the last day is today, Norwegian time)
              --counties 03,46,...     county numbers (default: every county of the region catalogue)
              --scale N                signals per day over all counties and sources (default 1000)
              --overdoses-per-day X    the country's ordinary overdoses a day, independent of --scale (default 25)
              --seed N                 random seed (default 20250301); the same options give the same data
              --id-prefix P            prefix of every external id (default LG); a new prefix makes new records,
                                       the same prefix and seed again gives duplicates
              --inject K:CC:D[:SUBSTANCE[:SOLD_AS]]
                                       inject an event of kind K in county CC from day D (0 = first day); repeatable.
                                       Kinds: nitazene-appearing, missold-batch, overdose-cluster, wastewater-rise,
                                       potent-opioid-seizure, high-potency-tablet. Default: one of each kind in the six
                                       largest counties in the second half of the period (from 21 days on);
                                       --inject none for none
              --ground-truth FILE      write the injected events, the rules and least severity each should trigger,
                                       their signals' external ids and the quiet counties (JSON)

            Where to send it:
              --keys-file FILE         API keys: .devstack/credentials.json (its "providers" and "urls.ingest"), or
                                       {"wastewater":"rv_...","drug-checking":"rv_...",...}
              --ingest-url URL         ingest-service (default: the keys file's urls.ingest, else http://127.0.0.1:8081)
              --rate N|max             records per second, paced, or max: as fast as possible (default max)
              --clients N              concurrent requests (default 4)
              --batch N                records per request, one JSON array (default 100)
              --retries N              retries of a request after 429/503 (Retry-After) or a connection failure (default 10)
              --receipts FILE          one CSV line per record: source type, external id, status, signal id, HTTP status,
                                       when its request was sent and when its answer (the 202) arrived
              --summary FILE           the send report as JSON

            Without sending:
              --dry-run                write the signals as NDJSON, one {"sourceType","provider","arrivalDay","record"}
                                       a line, in arrival order, to --out or standard output
              --out FILE

              --help                   this text

            Exit status: 0 all records answered 202; 1 some were not (or the run stopped); 2 wrong options.
            """;

    /** Thrown for wrong options: the message says what and how to fix it. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }

    record Options(Scenario scenario, boolean dryRun, Path out, Path keysFile, String ingestUrl, double rate, int clients, int batch,
                   int retries, Path groundTruth, Path receipts, Path summary, boolean help) {
    }

    private LoadGenCli() {
    }

    public static void main(String[] args) {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "loadgen-logback.xml");
        }
        int code;
        try {
            code = run(args, System.out, System.err, LocalDate.now(ObservedAt.ZONE));
        } catch (UsageException e) {
            System.err.println("loadgen: " + e.getMessage());
            System.err.println("Run with --help for the options.");
            code = 2;
        }
        System.exit(code);
    }

    static int run(String[] args, PrintStream out, PrintStream err, LocalDate today) {
        var options = parse(Arrays.asList(args), today);
        if (options.help()) {
            out.print(USAGE);
            return 0;
        }
        LoadGenerator generator;
        try {
            generator = new LoadGenerator(options.scenario());
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        if (options.groundTruth() != null) {
            writeJson(options.groundTruth(), generator.groundTruth());
        }
        var s = options.scenario();
        if (options.dryRun()) {
            long started = System.nanoTime();
            long n = writeNdjson(generator, options.out(), out);
            double seconds = (System.nanoTime() - started) / 1e9;
            err.printf(Locale.ROOT, "loadgen: %d signals (%s to %s, %d counties, %d injected events) written in %.1f s (%.0f records/s)%n",
                    n, s.start(), s.end(), generator.groundTruth().counties().size(), generator.groundTruth().events().size(), seconds,
                    n / Math.max(seconds, 1e-9));
            return 0;
        }
        if (options.scenario().end().isAfter(today)) {
            throw new UsageException("the last day, " + s.end() + ", is in the future: ingest refuses future event times. "
                    + "Use an earlier --start or fewer --days.");
        }
        if (options.keysFile() == null) {
            throw new UsageException("--keys-file is required to send (or use --dry-run)");
        }
        ProviderKeys keys;
        try {
            keys = ProviderKeys.read(options.keysFile());
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        if (!keys.missing().isEmpty()) {
            throw new UsageException("the keys file has no key for " + keys.missing().stream().map(t -> t.path()).toList());
        }
        var url = options.ingestUrl() != null ? options.ingestUrl() : keys.ingestUrl().orElse("http://127.0.0.1:8081");
        var sendOptions = Sender.Options.defaults(url).withBatchSize(options.batch()).withRate(options.rate())
                .withClients(options.clients()).withMaxRetries(options.retries());
        out.printf(Locale.ROOT, "loadgen: %d days (%s to %s), %d counties, scale %d/day, %d injected events → %s, %s, %d clients, %d a batch%n",
                s.days(), s.start(), s.end(), generator.groundTruth().counties().size(), s.scale(), generator.groundTruth().events().size(),
                sendOptions.ingestUrl(), options.rate() > 0 ? options.rate() + " records/s" : "as fast as possible", options.clients(),
                options.batch());
        Sender.Report report;
        try (var receipts = options.receipts() == null ? null : new ReceiptsCsv(options.receipts())) {
            report = new Sender(Sender.defaultClient(), sendOptions, keys)
                    .send(generator.stream(), receipts == null ? Sender.Listener.NONE : receipts);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.print(report.describe());
        if (options.summary() != null) {
            writeJson(options.summary(), summary(report));
        }
        return report.failed() == 0 && report.stoppedBecause() == null ? 0 : 1;
    }

    static Map<String, Object> summary(Sender.Report r) {
        var map = new LinkedHashMap<String, Object>();
        map.put("sent", r.sent());
        map.put("accepted", r.accepted());
        map.put("duplicates", r.duplicates());
        map.put("corrected", r.corrected());
        map.put("failed", r.failed());
        map.put("retries", r.retries());
        map.put("seconds", r.elapsed().toNanos() / 1e9);
        map.put("recordsPerSecond", r.recordsPerSecond());
        var statuses = new LinkedHashMap<String, Object>();
        r.requestsByStatus().forEach((s, n) -> statuses.put(String.valueOf(s), n));
        map.put("requestsByStatus", statuses);
        var types = new LinkedHashMap<String, Object>();
        r.byType().forEach((type, t) -> {
            var m = new LinkedHashMap<String, Object>();
            m.put("sent", t.sent());
            m.put("accepted", t.accepted());
            m.put("duplicates", t.duplicates());
            m.put("corrected", t.corrected());
            m.put("failed", t.failed());
            if (t.firstError() != null) {
                m.put("firstError", t.firstError());
            }
            types.put(type.path(), m);
        });
        map.put("bySourceType", types);
        if (r.stoppedBecause() != null) {
            map.put("stoppedBecause", r.stoppedBecause());
        }
        return map;
    }

    /** Writes the NDJSON lines; returns how many. */
    static long writeNdjson(LoadGenerator generator, Path file, PrintStream stdout) {
        try (Writer writer = file == null ? new BufferedWriter(new OutputStreamWriter(stdout, StandardCharsets.UTF_8), 1 << 16)
                : Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            long n = 0;
            var line = new StringBuilder(512);
            var it = generator.stream().iterator();
            while (it.hasNext()) {
                var g = it.next();
                line.setLength(0);
                line.append("{\"sourceType\":\"").append(g.sourceType().path()).append("\",\"provider\":\"").append(g.provider())
                        .append("\",\"arrivalDay\":\"").append(g.arrivalDay()).append("\",\"record\":");
                PayloadJson.write(g.payload(), line);
                line.append("}\n");
                writer.append(line);
                n++;
            }
            writer.flush();
            return n;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + (file == null ? "standard output" : file), e);
        }
    }

    private static void writeJson(Path file, Object value) {
        try {
            var parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, ObjectMapper.getDefault().writeValueAsString(value) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    // ------------------------------------------------------------------ options

    static Options parse(List<String> args, LocalDate today) {
        Integer days = null;
        LocalDate start = null;
        List<String> counties = List.of();
        int scale = Scenario.DEFAULT_SCALE;
        double overdoses = Scenario.DEFAULT_OVERDOSES_PER_DAY;
        long seed = Scenario.DEFAULT_SEED;
        String prefix = Scenario.DEFAULT_ID_PREFIX;
        List<Injection> injections = null;
        boolean dryRun = false;
        boolean help = false;
        Path out = null, keys = null, groundTruth = null, receipts = null, summary = null;
        String url = null;
        double rate = 0;
        int clients = 4, batch = 100, retries = 10;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String name = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            }
            switch (name) {
                case "--help", "-h" -> help = true;
                case "--dry-run" -> dryRun = true;
                default -> {
                    if (value == null) {
                        if (i + 1 >= args.size()) {
                            throw new UsageException(name.startsWith("--") && isOption(name) ? name + " needs a value" : "unknown option '" + arg + "'");
                        }
                        if (!isOption(name)) {
                            throw new UsageException("unknown option '" + arg + "'");
                        }
                        value = args.get(++i);
                    }
                    switch (name) {
                        case "--days" -> days = positive(name, value);
                        case "--start" -> start = date(name, value);
                        case "--counties" -> counties = Arrays.stream(value.split(",")).map(String::trim).filter(c -> !c.isEmpty()).toList();
                        case "--scale" -> scale = positive(name, value);
                        case "--overdoses-per-day" -> overdoses = number(name, value);
                        case "--seed" -> seed = longValue(name, value);
                        case "--id-prefix" -> prefix = value;
                        case "--inject" -> {
                            if (injections == null) {
                                injections = new ArrayList<>();
                            }
                            if (!value.equalsIgnoreCase("none")) {
                                try {
                                    injections.add(Injection.parse(value));
                                } catch (IllegalArgumentException e) {
                                    throw new UsageException(e.getMessage());
                                }
                            }
                        }
                        case "--keys-file" -> keys = Path.of(value);
                        case "--ingest-url" -> url = value;
                        case "--rate" -> rate = value.equalsIgnoreCase("max") ? 0 : number(name, value);
                        case "--clients" -> clients = positive(name, value);
                        case "--batch" -> batch = positive(name, value);
                        case "--retries" -> retries = (int) longValue(name, value);
                        case "--ground-truth" -> groundTruth = Path.of(value);
                        case "--receipts" -> receipts = Path.of(value);
                        case "--summary" -> summary = Path.of(value);
                        case "--out" -> out = Path.of(value);
                        default -> throw new UsageException("unknown option '" + arg + "'");
                    }
                }
            }
        }
        int d = days == null ? 14 : days;
        var first = start != null ? start : today.minusDays(d - 1L);
        var scenario = new Scenario(first, d, counties, scale, seed, List.of(), prefix, overdoses);
        scenario = injections == null ? scenario.withStandardInjections(RegionCatalogue.defaultCatalogue()) : scenario.withInjections(injections);
        if (batch > 10_000) {
            throw new UsageException("--batch must be at most 10000 (ingest's limit per request), got " + batch);
        }
        if (clients > 256) {
            throw new UsageException("--clients must be at most 256, got " + clients);
        }
        if (out != null && !dryRun) {
            throw new UsageException("--out is for --dry-run; to send, give --keys-file");
        }
        return new Options(scenario, dryRun, out, keys, url, rate, clients, batch, retries, groundTruth, receipts, summary, help);
    }

    private static boolean isOption(String name) {
        return List.of("--days", "--start", "--counties", "--scale", "--overdoses-per-day", "--seed", "--id-prefix", "--inject",
                "--keys-file", "--ingest-url", "--rate", "--clients", "--batch", "--retries", "--ground-truth", "--receipts",
                "--summary", "--out").contains(name);
    }

    private static int positive(String name, String value) {
        long v = longValue(name, value);
        if (v < 1 || v > Integer.MAX_VALUE) {
            throw new UsageException(name + " must be a whole number ≥ 1, got '" + value + "'");
        }
        return (int) v;
    }

    private static long longValue(String name, String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new UsageException(name + " must be a whole number, got '" + value + "'");
        }
    }

    private static double number(String name, String value) {
        try {
            double v = Double.parseDouble(value.trim());
            if (!(v >= 0) || Double.isInfinite(v)) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new UsageException(name + " must be a number ≥ 0" + (name.equals("--rate") ? " or max" : "") + ", got '" + value + "'");
        }
    }

    private static LocalDate date(String name, String value) {
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new UsageException(name + " must be a date like 2025-03-01, got '" + value + "'");
        }
    }

    /** The {@code --receipts} CSV, written from the sending threads. */
    static final class ReceiptsCsv implements Sender.Listener, AutoCloseable {
        private final Writer writer;

        ReceiptsCsv(Path file) throws IOException {
            writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
            writer.write("sourceType,externalId,status,signalId,httpStatus,sentAt,answeredAt\n");
        }

        @Override
        public synchronized void receipts(List<Sender.Receipt> batch) {
            try {
                for (var r : batch) {
                    writer.write(r.sourceType().path() + "," + r.externalId() + "," + r.status() + "," + (r.signalId() == null ? "" : r.signalId())
                            + "," + r.httpStatus() + "," + r.sentAt() + "," + r.answeredAt() + "\n");
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public synchronized void close() throws IOException {
            writer.close();
        }
    }
}
