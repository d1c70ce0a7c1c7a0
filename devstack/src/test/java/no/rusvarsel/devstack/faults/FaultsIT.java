package no.rusvarsel.devstack.faults;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Faults on the real dev stack (the devstack jar: one infra JVM with the Kafka broker, PostgreSQL in its own processes,
 * the three services as processes the devstack restarts when they exit) under a sustained load through the real
 * ingest API: the load generator's scenario with its injected events (ground truth) at a modest rate, plus a
 * background-only filler in four other counties that keeps the load up until every fault is over. One after the other,
 * each once the previous one has recovered:
 * The webhook receiver (a local HTTP server; loopback allow-listed) answers 503 to every delivery for
 * {@value #WEBHOOK_DOWN_SECONDS} s from the first one (retry schedule compressed to about a minute). Then:
 * <ol>
 *   <li>{@code kill -9} of ingest-service; the devstack restarts it by itself; the test waits for its readiness;</li>
 *   <li>PostgreSQL stopped for {@value #PG_DOWN_SECONDS} s (a fast shutdown of the server by the infra process, then
 *       a start on the same port and data): ingest must answer 503 with Retry-After, ingest's and alert-service's
 *       readiness go DOWN and both come back by themselves;</li>
 *   <li>once the first signal of an injected CRITICAL event is accepted, {@code kill -9} of analytics-service, then of
 *       alert-service, each restarted by the devstack, so the crashes hit the injected events on their way;</li>
 *   <li>the Kafka broker frozen for {@value #KAFKA_FROZEN_SECONDS} s: SIGSTOP/SIGCONT of the infra JVM, which runs the
 *       broker and its KRaft controller in-process: a broker that accepts TCP connections and never answers (a stalled
 *       host or a partition);</li>
 *   <li>the Kafka broker stopped for {@value #KAFKA_STOPPED_SECONDS} s (a controlled shutdown by the infra process,
 *       connections refused, then a start on the same port and log).</li>
 * </ol>
 * Every HTTP attempt of the load is recorded: every answer must be 202 or 503 with Retry-After (or none, while ingest is
 * down), and 503s must come around each infrastructure outage. The load's Sender retries 503 and connection failures,
 * so a request whose answer was lost with a killed ingest is sent again (and comes back 503 while ingest confirms
 * with Kafka whether the lost request's version got there, then DUPLICATE or ACCEPTED).
 *
 * <p>After recovery, exactly: every record got a 202; every 202 is in {@code rusvarsel.signals.v1}
 * (read_committed); no (signalId, version) is in the topic twice, not even for a request in flight when ingest was
 * killed or the broker frozen (ingest writes a version to its ledger as pending before Kafka's transaction, and
 * settles a left-behind one from what the topic holds before taking the record again); every injected CRITICAL event has a
 * CRITICAL alert in its county for its substance, and no episode key has two alerts; the webhook receiver got every
 * alert, with its current severity, and never two different {@code webhook-id}s for one alert change.
 *
 * <p>Run alone, from the repository root after a build: {@code mvn -B -o verify -Dtest=NONE -Dit.test=FaultsIT
 * -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false}; add {@code -Dfaults.keepState=true}
 * to keep the stack's folder (logs) afterwards. Every run writes {@code devstack/target/faults-report.md} (signals
 * sent, accepted, found downstream, lost, duplicated; duplicate alerts; 5xx; webhook deliveries; the timeline).
 *
 * <p>The long version repeats the whole sequence of faults, each round with a new load, for at least N minutes while
 * the filler keeps the load up: {@code mvn -B -o verify -Dtest=NONE -Dit.test=FaultsIT -Dfaults.minutes=30
 * -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false} (about 2.5 minutes a round).
 */
class FaultsIT {

    static final int WEBHOOK_DOWN_SECONDS = 20;
    static final int PG_DOWN_SECONDS = 30;
    static final int KAFKA_FROZEN_SECONDS = 15;
    static final int KAFKA_STOPPED_SECONDS = 30;
    private static final Duration RESTART = Duration.ofSeconds(150);
    private static final Duration RECOVERY = Duration.ofSeconds(120);
    /** A few seconds of ordinary load between two faults. */
    private static final Duration GAP = Duration.ofSeconds(4);

    private final List<FaultLoad.FaultWindow> windows = new ArrayList<>();
    private final Map<String, String> timeline = new LinkedHashMap<>();

    @Test
    @Timeout(value = 12 + 2 * 60, unit = TimeUnit.MINUTES) // the bounded run takes 3–5 minutes; -Dfaults.minutes=N runs longer
    void crashesAndOutagesLoseNothingAndDuplicateNoAlert() throws Exception {
        long t0 = System.nanoTime();
        // the services' connection pools wait 3 s for a connection (not Hikari's 30 s), so that a request during the
        // PostgreSQL outage fails within it, as 503
        var env = FaultStack.env("RUSVARSEL_WEBHOOK_ALLOW_LIST", "127.0.0.1",
                "RUSVARSEL_DELIVERY_RETRY_SCHEDULE", "1s,1s,2s,2s,3s,5s,5s,10s,10s,10s,10s,10s",
                "DATASOURCES_DEFAULT_CONNECTION_TIMEOUT", "3000");
        try (var receiver = new WebhookReceiver(); var stack = new FaultStack(env)) {
            log("stack up after %.1f s; pids %s", since(t0), stack.pids());
            stack.subscribeWebhook(receiver.url());
            // the receiver is down from the first alert on, for WEBHOOK_DOWN_SECONDS after its first refusal
            receiver.downFor(Duration.ofSeconds(WEBHOOK_DOWN_SECONDS));
            int minutes = Integer.getInteger("faults.minutes", 0);
            long until = System.nanoTime() + TimeUnit.MINUTES.toNanos(minutes);
            var filler = new FaultLoad(60 * Math.max(1, (minutes + 9) / 10), 100, "FF", List.of("11", "15", "18", "34"));
            var stopFiller = new AtomicBoolean();
            filler.start(stack, 8, 5, stopFiller);
            var loads = new ArrayList<FaultLoad>();
            var reports = new ArrayList<no.rusvarsel.bench.loadgen.Sender.Report>();
            var problems = new ArrayList<String>();
            var outages = new ArrayList<Instant[]>(); // [from, to] per outage, PostgreSQL and broker alternating
            int round = 0;
            do {
                round++;
                var load = new FaultLoad(28, 100, "FL" + round);
                loads.add(load);
                log("round %d: load %d records with %d injected events at 20/s; filler up to %d records at 8/s", round, load.total,
                        load.truth.events().size(), filler.total);
                load.start(stack, 20, 10);
                long loadStart = System.nanoTime();
                String r = minutes > 0 ? "round " + round + ": " : "";
                // --- 1. kill -9 of ingest-service
                Thread.sleep(GAP.toMillis() * 2);
                crash(stack, load, r, "ingest-service", true);

                // --- 2. PostgreSQL
                Thread.sleep(GAP.toMillis());
                var pgFrom = Instant.now();
                long pgStop = System.nanoTime();
                stack.stopPostgres();
                boolean ingestDown = stack.awaitReadiness("ingest-service", false, Duration.ofSeconds(PG_DOWN_SECONDS));
                boolean alertsDown = stack.awaitReadiness("alert-service", false, Duration.ofSeconds(PG_DOWN_SECONDS));
                while (since(pgStop) < PG_DOWN_SECONDS) {
                    Thread.sleep(100);
                }
                stack.startPostgres();
                var pgTo = Instant.now();
                double pgDown = since(pgStop);
                long pgBack = System.nanoTime();
                boolean ingestUp = stack.awaitReadiness("ingest-service", true, RECOVERY);
                boolean alertsUp = stack.awaitReadiness("alert-service", true, RECOVERY);
                timeline.put(r + "postgres", String.format("down %.1f s; readiness DOWN seen: ingest %s, alerts %s; ready again after %.1f s",
                        pgDown, ingestDown, alertsDown, since(pgBack)));
                log("postgres: %s", timeline.get(r + "postgres"));
                if (!ingestDown || !alertsDown) {
                    problems.add("readiness stayed UP while PostgreSQL was down: ingest " + !ingestDown + ", alerts " + !alertsDown);
                }
                if (!ingestUp || !alertsUp) {
                    problems.add("not ready " + RECOVERY.toSeconds() + " s after PostgreSQL came back: ingest " + ingestUp + ", alerts " + alertsUp
                            + "\n--- ingest log:\n" + stack.logTail("ingest-service", 40) + "\n--- alerts log:\n" + stack.logTail("alert-service", 40));
                }
                windows.add(new FaultLoad.FaultWindow(r + "postgres stop", pgFrom, Instant.now()));

                // --- 3. kill -9 of analytics-service and alert-service while the injected events flow
                load.awaitFirstCriticalSignal(Duration.ofMinutes(3));
                crash(stack, load, r, "analytics-service", false);
                Thread.sleep(GAP.toMillis());
                crash(stack, load, r, "alert-service", false);

                // --- 4. Kafka: frozen (accepts connections, never answers), then stopped (connections refused)
                Thread.sleep(GAP.toMillis());
                long infraPid = stack.infraPid();
                outages.add(brokerOutage(stack, r + "broker frozen", KAFKA_FROZEN_SECONDS,
                        () -> FaultStack.signal("STOP", infraPid), () -> FaultStack.signal("CONT", infraPid), problems));
                Thread.sleep(GAP.toMillis());
                outages.add(brokerOutage(stack, r + "broker stopped", KAFKA_STOPPED_SECONDS, stack::stopKafka, stack::startKafka, problems));
                timeline.put(r + "load running through the faults", String.format("%s (faults over %.1f s after the load started)",
                        load.running() && filler.running(), since(loadStart)));
                outages.add(new Instant[] {pgFrom, pgTo});
                reports.add(load.finish(Duration.ofMinutes(4)));
                log("%sload:%n%s", r, reports.get(reports.size() - 1).describe());
            } while (System.nanoTime() < until);

            // --- after
            stopFiller.set(true);
            var fillerReport = filler.finish(Duration.ofMinutes(4));
            reports.add(fillerReport);
            log("filler:%n%s", fillerReport.describe());
            var topic = stack.readTopic("rusvarsel.signals.v1", Duration.ofSeconds(180));
            var all = new ArrayList<>(loads);
            all.add(filler);
            var signalChecks = all.stream().map(l -> l.checkSignals(topic, windows)).toList();
            signalChecks.forEach(c -> log("%s", c.describe()));
            // a request held up by an outage is answered up to ~45 s later (pool and producer timeouts); per outage
            var outage503 = new ArrayList<Long>();
            for (var o : outages) {
                outage503.add(all.stream().mapToLong(l -> l.unavailableBetween(o[0], o[1].plusSeconds(45))).sum());
            }
            var badAnswers = all.stream().flatMap(l -> l.badAnswers().stream()).toList();
            log("HTTP attempts: %s; 503 with Retry-After per outage (PostgreSQL, broker, …) %s",
                    all.stream().map(FaultLoad::attemptsByStatus).toList(), outage503);

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(150);
            FaultLoad.AlertCheck alerts;
            FaultLoad.WebhookCheck webhooks;
            while (true) {
                var list = stack.alerts();
                alerts = FaultLoad.checkAlerts(loads, list);
                webhooks = FaultLoad.checkWebhooks(list, receiver);
                if (alerts.ok() && webhooks.ok() || System.nanoTime() > deadline) {
                    break;
                }
                Thread.sleep(2000);
            }
            log("%s", alerts.describe());
            log("%s", webhooks.describe());
            timeline.put("webhook receiver", String.format("down from %s for %d s after its first refusal; %d deliveries refused with 503",
                    receiver.firstRefusal(), WEBHOOK_DOWN_SECONDS, receiver.refused()));
            timeline.put("ingest versions left pending and settled from the topic, since ingest's last restart",
                    stack.ingestPendingVersions());
            timeline.forEach((k, v) -> log("%s: %s", k, v));
            log("total %.1f s", since(t0));
            FaultReport.write(minutes, round, since(t0), signalChecks, reports, alerts, webhooks, badAnswers, outage503, timeline);

            assertThat(problems).as("outage behaviour").isEmpty();
            assertThat(badAnswers).as("ingest answers other than 202, or 503 with Retry-After").isEmpty();
            assertThat(outage503).as("ingest answered 503 with Retry-After during each outage (PostgreSQL, broker, …)")
                    .allMatch(n -> n > 0);
            for (var report : reports) {
                assertThat(report.serverErrors()).as("5xx other than 503: %s", report.requestsByStatus()).isEqualTo(report.count(503));
            }
            for (var check : signalChecks) {
                assertThat(check.ok()).as(check.describe()).isTrue();
            }
            assertThat(alerts.criticalEvents()).as("the scenario has CRITICAL injected events").isGreaterThan(0);
            assertThat(alerts.ok()).as(alerts.describe()).isTrue();
            assertThat(webhooks.ok()).as(webhooks.describe()).isTrue();
            assertThat(receiver.refused()).as("deliveries were tried while the receiver was down").isGreaterThan(0);
            assertThat(stack.output()).as("the devstack restarted the killed services").contains("ingest-service restarted",
                    "analytics-service restarted", "alert-service restarted");
        }
    }

    /** An action on the stack that may fail. */
    interface StackAction {
        void run() throws Exception;
    }

    /** The broker down for {@code seconds} under load, then up: every service must be ready again by itself. */
    private Instant[] brokerOutage(FaultStack stack, String what, int seconds, StackAction down, StackAction up,
                                   List<String> problems) throws Exception {
        var from = Instant.now();
        long t0 = System.nanoTime();
        down.run();
        try {
            while (since(t0) < seconds) {
                Thread.sleep(100);
            }
        } finally {
            up.run();
        }
        double downFor = since(t0);
        var to = Instant.now();
        long back = System.nanoTime();
        boolean allUp = true;
        for (var service : FaultStack.SERVICES) {
            allUp &= stack.awaitReadiness(service, true, RECOVERY);
        }
        windows.add(new FaultLoad.FaultWindow(what, from, Instant.now()));
        timeline.put(what, String.format("%.1f s; all services ready %s %.1f s after", downFor, allUp, since(back)));
        log("%s: %s", what, timeline.get(what));
        if (!allUp) {
            problems.add("not every service ready " + RECOVERY.toSeconds() + " s after " + what + " ended");
        }
        return new Instant[] {from, to};
    }

    private void crash(FaultStack stack, FaultLoad load, String round, String service, boolean window) throws Exception {
        long before = System.nanoTime();
        long answered = load.answered();
        var at = Instant.now();
        long pid = stack.kill9(service);
        if (window) {
            windows.add(new FaultLoad.FaultWindow(round + "kill -9 " + service, at, Instant.now()));
        }
        long newPid = stack.awaitRestarted(service, pid, RESTART);
        timeline.put(round + "kill -9 " + service, String.format("pid %d killed at %d of %d load records answered; pid %d ready after %.1f s",
                pid, answered, load.total, newPid, since(before)));
        log("%s", timeline.get(round + "kill -9 " + service));
    }

    static double since(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    static void log(String format, Object... args) {
        System.out.printf("[faults] " + format + "%n", args);
        System.out.flush();
    }
}
