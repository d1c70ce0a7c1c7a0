package no.rusvarsel.alerts.dashboard;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.context.annotation.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Publishes the consumer lag of the analytics and alert-service groups as the gauge
 * {@code rusvarsel_consumer_lag_records{consumer}}, refreshed in the background so a scrape never waits on Kafka.
 */
@Context
public class ConsumerLagMetrics {

    private static final Logger LOG = LoggerFactory.getLogger(ConsumerLagMetrics.class);

    private final ConsumerLag lag;
    private final Map<String, String> groups = new LinkedHashMap<>();
    private final Map<String, AtomicLong> values = new LinkedHashMap<>();

    public ConsumerLagMetrics(ConsumerLag lag, DashboardSettings settings, MeterRegistry meters) {
        this.lag = lag;
        groups.put("analytics", settings.analyticsGroup());
        groups.put("alert-service", settings.alertsGroup());
        groups.keySet().forEach(consumer -> {
            var value = new AtomicLong();
            values.put(consumer, value);
            Gauge.builder("rusvarsel_consumer_lag_records", value, AtomicLong::doubleValue)
                    .description("records the consumer group has yet to process (end offsets minus committed offsets)")
                    .tag("consumer", consumer).register(meters);
        });
    }

    @Scheduled(fixedDelay = "${rusvarsel.dashboard.lag-refresh:30s}", initialDelay = "10s")
    void refresh() {
        groups.forEach((consumer, group) -> {
            try {
                values.get(consumer).set(lag.of(group).totalLag());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                LOG.debug("consumer lag of {} not readable now: {}", group, e.toString());
            }
        });
    }
}
