package no.rusvarsel.devstack;

import io.micronaut.serde.annotation.Serdeable;

import java.util.Map;

/**
 * {@code .devstack/startup.json}: how long the stack took from the devstack's start until every service answered
 * {@code /health} UP, and the memory it then used: the sum of VmRSS of infra, PostgreSQL and services with their
 * descendants (per part in {@code rssKb}), and the total PSS, which counts pages shared between processes once.
 */
@Serdeable
public record StartupReport(String startedAt, double infraReadySeconds, double secondsToHealthy,
                            long totalRssKb, Map<String, Long> rssKb, long totalPssKb, long devstackRssKb) {
}
