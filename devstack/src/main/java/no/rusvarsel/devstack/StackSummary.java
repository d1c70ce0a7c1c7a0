package no.rusvarsel.devstack;

import no.rusvarsel.contracts.signal.SourceType;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Map;

import static no.rusvarsel.devstack.Console.display;
import static no.rusvarsel.devstack.Console.seconds;

/**
 * What the devstack prints once every service is healthy: where everything runs, the dev credentials, commands to try,
 * startup time and memory. {@code pids} holds each service's module name and {@code infra}.
 */
record StackSummary(Credentials credentials, InfraInfo infra, Map<String, Long> pids, Path dataDir, Layout layout,
                    Duration infraReady, Duration toHealthy, StackMemory memory, long devstackRssKb, boolean restart,
                    LocalDate today) {

    String render() {
        long totalRss = memory.totalRssKb();
        var urls = credentials.urls();
        String bar = "═".repeat(100);
        var s = new StringBuilder();
        s.append('\n').append(bar).append('\n');
        s.append(String.format(" Rusvarsel dev stack is up: healthy %.1f s after start, %d MB resident memory%n", seconds(toHealthy), totalRss / 1024));
        s.append(bar).append('\n');
        s.append(" Services\n");
        s.append(String.format("   ingest-service     %-26s pid %-8d log %s%n", urls.ingest(), pids.get("ingest-service"), display(layout.logFile("ingest-service"))));
        s.append(String.format("   analytics-service  %-26s pid %-8d log %s%n", urls.analytics(), pids.get("analytics-service"), display(layout.logFile("analytics-service"))));
        s.append(String.format("   alert-service      %-26s pid %-8d log %s%n", urls.alerts(), pids.get("alert-service"), display(layout.logFile("alert-service"))));
        s.append(" Infrastructure\n");
        s.append(String.format("   Kafka              %-26s pid %-8d log %s%n", infra.kafka(), pids.get("infra"), display(layout.logFile("infra"))));
        s.append(String.format("   PostgreSQL         127.0.0.1:%-16d user %s, password %s, databases %s%n", infra.postgresPort(),
                infra.postgresUser(), infra.postgresPassword(), infra.databases() == null ? "ingest, alerts" : String.join(", ", infra.databases().keySet())));
        s.append(String.format("   data folder        %s%n", display(dataDir)));
        s.append(" Provider API keys (header Authorization: Bearer <key>; provider ids dev-<source type>)\n");
        credentials.providers().forEach((type, key) -> s.append(String.format("   %-16s %s%n", type, key)));
        s.append(" Tokens for people (HS256 JWT, iss " + DevTokens.ISSUER + ", valid " + DevTokens.LIFETIME.toDays() + " days)\n");
        credentials.tokens().forEach((role, token) -> s.append(String.format("   %-9s %s%n", role, token)));
        s.append(" Try it\n");
        s.append("   curl -X POST ").append(urls.ingest()).append("/api/v1/signals/drug-checking -H \"Authorization: Bearer ")
                .append(credentials.providers().get(SourceType.DRUG_CHECKING.path()))
                .append("\" -H 'Content-Type: application/json' -d '{\"externalId\":\"DC-1\",\"region\":\"0301\",\"observedAt\":\"")
                .append(today)
                .append("\",\"form\":\"TABLET\",\"soldAs\":\"MDMA\",\"method\":\"GC_MS\",\"confirmed\":true,\"components\":[{\"substance\":\"MDMA\",\"amountMg\":240}]}'\n");
        s.append("   curl ").append(urls.analytics()).append("/prometheus -H \"Authorization: Bearer ")
                .append(credentials.tokens().get("OPERATOR")).append("\"\n");
        s.append("   PGPASSWORD=").append(infra.postgresPassword()).append(" psql -h 127.0.0.1 -p ").append(infra.postgresPort())
                .append(" -U ").append(infra.postgresUser()).append(" -d alerts\n");
        s.append("   kcat -b ").append(infra.kafka()).append(" -L\n");
        s.append(" Startup and memory\n");
        s.append(String.format("   %.1f s from start to all healthy (Kafka and PostgreSQL ready after %.1f s)%n", seconds(toHealthy), seconds(infraReady)));
        var parts = new ArrayList<String>();
        memory.rssKb().forEach((name, kb) -> parts.add(name + (name.equals("infra") ? " (Kafka + PostgreSQL)" : "") + " " + kb / 1024 + " MB"));
        s.append(String.format("   %d MB RSS in total (sum of VmRSS): %s%n", totalRss / 1024, String.join(", ", parts)));
        if (memory.totalPssKb() > 0) {
            s.append(String.format("   %d MB PSS in total (shared pages counted once); the devstack itself %d MB RSS%n",
                    memory.totalPssKb() / 1024, devstackRssKb / 1024));
        }
        s.append(" Files\n");
        s.append("   ").append(display(layout.credentialsFile())).append(" (URLs, keys, tokens), ")
                .append(display(layout.startupFile())).append(", ").append(display(layout.pidsFile())).append('\n');
        s.append(bar).append('\n');
        s.append(" Ctrl-C stops everything. A service that exits is restarted").append(restart ? "" : " (off: --no-restart)").append(".\n");
        return s.toString();
    }
}
