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
 *   <li>PostgreSQL away for {@value #PG_DOWN_SECONDS} s: the services' databases stop taking connections and every
 *       session on them is terminated, then they take connections again. An approximation of a stopped server (the
 *       server process keeps running: the embedded binaries refuse to start as root outside the infra process): the
 *       services see terminated connections and refused logins. Ingest must answer 503 with Retry-After, ingest's and
 *       alert-service's readiness go DOWN and both come back by themselves;</li>
 *   <li>once the first signal of an injected CRITICAL event is accepted, {@code kill -9} of analytics-service, then of
 *       alert-service, each restarted by the devstack, so the crashes hit the injected events on their way;</li>
 *   <li>the Kafka broker frozen for {@value #KAFKA_DOWN_SECONDS} s: SIGSTOP/SIGCONT of the infra JVM, which runs the
 *       broker and its KRaft controller in-process. This approximates a broker outage as a broker that accepts TCP
 *       connections and never answers (a stalled host or a partition), not as refused connections.</li>
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
    static final int PG_DOWN_SECONDS = 12;
    static final int KAFKA_DOWN_SECONDS = 15;
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

                // --- 4. Kafka
                Thread.sleep(GAP.toMillis());
                long infraPid = stack.infraPid();
                var kafkaFrom = Instant.now();
                long kafkaStop = System.nanoTime();
                FaultStack.signal("STOP", infraPid);
                try {
                    while (since(kafkaStop) < KAFKA_DOWN_SECONDS) {
                        Thread.sleep(100);
                    }
                } finally {
                    FaultStack.signal("CONT", infraPid);
                }
                double kafkaDown = since(kafkaStop);
                var kafkaTo = Instant.now();
                long kafkaBack = System.nanoTime();
                boolean allUp = FaultStack.SERVICES.stream().allMatch(s -> {
                    try {
                        return stack.awaitReadiness(s, true, RECOVERY);
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                });
                windows.add(new FaultLoad.FaultWindow(r + "broker frozen", kafkaFrom, Instant.now()));
                timeline.put(r + "kafka", String.format("infra JVM %d frozen %.1f s; all services ready %s %.1f s after",
                        infraPid, kafkaDown, allUp, since(kafkaBack)));
                log("kafka: %s", timeline.get(r + "kafka"));
                if (!allUp) {
                    problems.add("not every service ready " + RECOVERY.toSeconds() + " s after the broker thawed");
                }
                timeline.put(r + "load running through the faults", String.format("%s (faults over %.1f s after the load started)",
                        load.running() && filler.running(), since(loadStart)));
                outages.add(new Instant[] {pgFrom, pgTo});
                outages.add(new Instant[] {kafkaFrom, kafkaTo});
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
