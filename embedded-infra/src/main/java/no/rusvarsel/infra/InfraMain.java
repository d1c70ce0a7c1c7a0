package no.rusvarsel.infra;

import no.rusvarsel.contracts.topic.TopicProvisioner;
import no.rusvarsel.contracts.topic.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the embedded Kafka broker and PostgreSQL as one process of the dev stack: creates the
 * services' databases and the registry's topics, writes {@code infra.json} and runs until stopped.
 * <pre>java -cp devstack/target/devstack-*.jar:devstack/target/lib/* no.rusvarsel.infra.InfraMain
 *     --data-dir DIR [--kafka-port 9092] [--postgres-port 5432] [--databases ingest,alerts]</pre>
 */
public final class InfraMain {

    private InfraMain() {
    }

    public static void main(String[] args) throws Exception {
        var options = parse(args);
        var dataDir = Path.of(options.getOrDefault("data-dir", ".devstack/data")).toAbsolutePath();
        int kafkaPort = Integer.parseInt(options.getOrDefault("kafka-port", "9092"));
        int postgresPort = Integer.parseInt(options.getOrDefault("postgres-port", "5432"));
        var databases = Arrays.stream(options.getOrDefault("databases", "ingest,alerts").split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).toList();

        var infra = Infra.startEmbedded(kafkaPort, postgresPort, dataDir);
        var stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            infra.close();
            stopped.countDown();
        }, "infra-stop"));

        var urls = new HashMap<String, String>();
        for (var db : databases) {
            urls.put(db, infra.postgres().jdbcUrl(db));
        }
        try (var admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafka().bootstrapServers()))) {
            TopicProvisioner.ensure(admin, Topics.all(), (short) 1);
        }
        // fault tests only (devstack FaultsIT): a loopback endpoint that really stops and starts the servers
        InfraControl control = null;
        if ("true".equals(System.getenv("RUSVARSEL_INFRA_CONTROL"))) {
            // a broker that fails to start again must not exit this process (Kafka's default on a fatal error)
            org.apache.kafka.common.utils.Exit.setExitProcedure((code, message) -> {
                throw new IllegalStateException("Kafka asked to exit with " + code + ": " + message);
            });
            org.apache.kafka.common.utils.Exit.setHaltProcedure((code, message) -> {
                throw new IllegalStateException("Kafka asked to halt with " + code + ": " + message);
            });
            control = InfraControl.start(infra);
        }
        var ready = readyJson(infra, urls, control);
        Files.writeString(dataDir.resolve("infra.json"), ready);
        System.out.println("INFRA READY " + ready);
        System.out.flush();
        stopped.await();
    }

    private static String readyJson(Infra infra, Map<String, String> urls, InfraControl control) {
        var dbs = new StringBuilder();
        urls.forEach((name, url) -> dbs.append(dbs.isEmpty() ? "" : ",").append('"').append(name).append("\":\"").append(url).append('"'));
        return "{\"kafka\":\"" + infra.kafka().bootstrapServers() + "\",\"postgresPort\":" + infra.postgres().port()
                + ",\"postgresUser\":\"" + infra.postgres().username() + "\",\"postgresPassword\":\"" + infra.postgres().password()
                + "\",\"databases\":{" + dbs + "}" + (control == null ? "" : ",\"controlPort\":" + control.port()) + "}";
    }

    static Map<String, String> parse(String[] args) {
        var options = new HashMap<String, String>();
        var list = List.of(args);
        for (int i = 0; i < list.size(); i++) {
            var arg = list.get(i);
            if (!arg.startsWith("--") || i + 1 >= list.size()) {
                throw new IllegalArgumentException("usage: --data-dir DIR [--kafka-port N] [--postgres-port N] [--databases a,b]; bad argument " + arg);
            }
            options.put(arg.substring(2), list.get(++i));
        }
        return options;
    }
}
