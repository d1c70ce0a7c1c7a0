package no.rusvarsel.infra;

import org.slf4j.LoggerFactory;

import java.util.List;

/** Turns the chatty INFO logs of the embedded broker and database down to WARN unless RUSVARSEL_INFRA_LOG says otherwise. */
final class QuietLogs {

    private static final List<String> LOGGERS = List.of("kafka", "org.apache.kafka", "state.change.logger",
            "org.apache.zookeeper", "io.zonky", "org.testcontainers", "tc", "com.github.dockerjava");

    private QuietLogs() {
    }

    static void apply() {
        var level = System.getenv().getOrDefault("RUSVARSEL_INFRA_LOG", "WARN");
        if (!(LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext context)) {
            return;
        }
        for (var name : LOGGERS) {
            context.getLogger(name).setLevel(ch.qos.logback.classic.Level.toLevel(level, ch.qos.logback.classic.Level.WARN));
        }
    }
}
