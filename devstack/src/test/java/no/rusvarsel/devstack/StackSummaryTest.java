package no.rusvarsel.devstack;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class StackSummaryTest {

    private static final Path ROOT = Path.of("/srv/rusvarsel-summary-test");
    private static final long MB = 1024;

    private static StackSummary summary(long totalPssKb, boolean restart) {
        var urls = new Credentials.Urls("http://127.0.0.1:8081", "http://127.0.0.1:8082", "http://127.0.0.1:8083",
                "127.0.0.1:9092", "jdbc:postgresql://127.0.0.1:5432/");
        var providers = new LinkedHashMap<String, String>();
        providers.put("wastewater", "rv_wastewater-key");
        providers.put("drug-checking", "rv_drug-checking-key");
        var tokens = new LinkedHashMap<String, String>();
        tokens.put("ANALYST", "ey.analyst");
        tokens.put("OPERATOR", "ey.operator");
        tokens.put("ADMIN", "ey.admin");
        var rss = new LinkedHashMap<String, Long>();
        rss.put("infra", 700 * MB);
        rss.put("ingest-service", 220 * MB);
        rss.put("analytics-service", 230 * MB);
        rss.put("alert-service", 210 * MB);
        var pids = new LinkedHashMap<String, Long>();
        pids.put("ingest-service", 1203L);
        pids.put("analytics-service", 1205L);
        pids.put("alert-service", 1209L);
        pids.put("infra", 1029L);
        return new StackSummary(new Credentials(urls, providers, tokens),
                new InfraInfo("127.0.0.1:9092", 5432, "postgres", "secret", null), pids, ROOT.resolve(".devstack/data"),
                new Layout(ROOT), Duration.ofMillis(9_200), Duration.ofMillis(20_340),
                new StackMemory(rss, 1360 * MB, totalPssKb), 108 * MB, restart, LocalDate.of(2026, 3, 11));
    }

    /** Decimal figures as the summary prints them, in this JVM's locale. */
    private static String s(double seconds) {
        return String.format("%.1f", seconds);
    }

    @Test
    void showsUrlsPidsAndLogsOfEveryPart() {
        String text = summary(1000 * MB, true).render();

        assertThat(text).contains(" Rusvarsel dev stack is up: healthy " + s(20.3) + " s after start, 1360 MB resident memory\n");
        assertThat(text).contains("   ingest-service     http://127.0.0.1:8081      pid 1203     log " + ROOT + "/.devstack/logs/ingest-service.log\n",
                "   analytics-service  http://127.0.0.1:8082      pid 1205     log " + ROOT + "/.devstack/logs/analytics-service.log\n",
                "   alert-service      http://127.0.0.1:8083      pid 1209     log " + ROOT + "/.devstack/logs/alert-service.log\n",
                "   Kafka              127.0.0.1:9092             pid 1029     log " + ROOT + "/.devstack/logs/infra.log\n",
                "   PostgreSQL         127.0.0.1:5432             user postgres, password secret, databases ingest, alerts\n",
                "   data folder        " + ROOT + "/.devstack/data\n");
    }

    @Test
    void showsKeysTokensAndCommandsThatUseThem() {
        String text = summary(1000 * MB, true).render();

        assertThat(text).contains("   wastewater       rv_wastewater-key\n", "   drug-checking    rv_drug-checking-key\n");
        assertThat(text).contains(" Tokens for people (HS256 JWT, iss " + DevTokens.ISSUER + ", valid " + DevTokens.LIFETIME.toDays() + " days)\n",
                "   ANALYST   ey.analyst\n", "   OPERATOR  ey.operator\n", "   ADMIN     ey.admin\n");
        assertThat(text).contains("   curl -X POST http://127.0.0.1:8081/api/v1/signals/drug-checking -H \"Authorization: Bearer rv_drug-checking-key\"",
                "\"observedAt\":\"2026-03-11\"",
                "   curl http://127.0.0.1:8082/prometheus -H \"Authorization: Bearer ey.operator\"\n",
                "   PGPASSWORD=secret psql -h 127.0.0.1 -p 5432 -U postgres -d alerts\n",
                "   kcat -b 127.0.0.1:9092 -L\n");
        assertThat(text).contains("   " + ROOT + "/.devstack/credentials.json (URLs, keys, tokens), " + ROOT + "/.devstack/startup.json, "
                + ROOT + "/.devstack/pids.json\n");
    }

    @Test
    void showsStartupSecondsAndMemoryInMegabytes() {
        String text = summary(1000 * MB, true).render();

        assertThat(text).contains("   " + s(20.3) + " s from start to all healthy (Kafka and PostgreSQL ready after " + s(9.2) + " s)\n",
                "   1360 MB RSS in total (sum of VmRSS): infra (Kafka + PostgreSQL) 700 MB, ingest-service 220 MB, analytics-service 230 MB, alert-service 210 MB\n",
                "   1000 MB PSS in total (shared pages counted once); the devstack itself 108 MB RSS\n",
                " Ctrl-C stops everything. A service that exits is restarted.\n");
    }

    @Test
    void leavesOutPssWhenUnknownAndSaysWhenRestartIsOff() {
        String text = summary(0, false).render();

        assertThat(text).doesNotContain("PSS");
        assertThat(text).contains(" Ctrl-C stops everything. A service that exits is restarted (off: --no-restart).\n");
        assertThat(text).startsWith("\n" + "═".repeat(100) + "\n").endsWith("═".repeat(100) + "\n"
                + " Ctrl-C stops everything. A service that exits is restarted (off: --no-restart).\n");
    }

    @Test
    void namesTheDatabasesTheInfraReports() {
        var base = summary(0, true);
        var info = new InfraInfo("127.0.0.1:9092", 5432, "postgres", "secret",
                new LinkedHashMap<>(Map.of("alerts", "jdbc:postgresql://127.0.0.1:5432/alerts")));
        var withDatabases = new StackSummary(base.credentials(), info, base.pids(), base.dataDir(), base.layout(), base.infraReady(),
                base.toHealthy(), base.memory(), base.devstackRssKb(), base.restart(), base.today());

        assertThat(withDatabases.render()).contains("user postgres, password secret, databases alerts\n");
    }
}
