package no.rusvarsel.devstack;

import no.rusvarsel.bench.loadgen.LoadGenerator;
import no.rusvarsel.bench.loadgen.ProviderKeys;
import no.rusvarsel.bench.loadgen.Scenario;
import no.rusvarsel.bench.loadgen.Sender;
import no.rusvarsel.contracts.signal.SourceType;

import java.io.PrintStream;
import java.net.http.HttpClient;
import java.util.LinkedHashMap;

/**
 * Sends a scenario of the load generator ({@link DemoScenario} for {@code --demo}) through the public ingest API as the
 * dev providers, with the generator's {@link Sender}: 100 records per JSON array, two clients, 429/503 retried.
 */
public final class DemoRunner {

    static final int BATCH = 100;

    private final HttpClient client;
    private final String ingestUrl;
    private final ProviderKeys keys;
    private final PrintStream out;

    public DemoRunner(HttpClient client, String ingestUrl, ProviderKeys keys, PrintStream out) {
        this.client = client;
        this.ingestUrl = ingestUrl;
        this.keys = keys;
        this.out = out;
    }

    /** The dev providers' keys (one provider per source type). */
    public static ProviderKeys keysOf(DevSecrets secrets) {
        var keys = new LinkedHashMap<String, String>();
        for (SourceType type : SourceType.values()) {
            keys.put(type.path(), secrets.keyFor(type));
        }
        return new ProviderKeys(keys);
    }

    /** Sends everything and says how it went; stops early (with one clear line) if there is no ingest API to take it. */
    public Sender.Report run(Scenario scenario) {
        var generator = new LoadGenerator(scenario);
        out.println();
        out.println("[devstack] demo: replaying " + scenario.days() + " days (" + scenario.start() + " to " + scenario.end()
                + ") of synthetic signals, about " + scenario.scale() + " a day, through " + ingestUrl + "/api/v1/signals/{sourceType}");
        var options = Sender.Options.defaults(ingestUrl).withBatchSize(BATCH).withClients(2).withMaxRetries(3);
        var report = new Sender(client, options, keys).send(generator.stream(), Sender.Listener.NONE);
        out.print(report.describe());
        if (report.stoppedBecause() != null) {
            out.println("[devstack] demo: stopped (" + report.stoppedBecause() + "); the stack keeps running");
        } else if (report.failed() > 0) {
            out.println("[devstack] demo: " + report.failed() + " records were not accepted; the stack keeps running");
        } else {
            out.println("[devstack] demo: done. Injected events: " + DemoScenario.describeInjections() + ".");
        }
        return report;
    }
}
