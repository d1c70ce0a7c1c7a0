package no.rusvarsel.alerts.delivery;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;
import no.rusvarsel.alerts.subscription.Channel;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/** {@code rusvarsel_deliveries_total{channel,outcome}} and {@code rusvarsel_delivery_seconds{channel}} (time per attempt). */
@Singleton
public class DeliveryMetrics {

    private final Map<Channel, Map<Outcome, Counter>> counters = new EnumMap<>(Channel.class);
    private final Map<Channel, Timer> timers = new EnumMap<>(Channel.class);

    public DeliveryMetrics(MeterRegistry meters) {
        for (var channel : Channel.values()) {
            var byOutcome = new EnumMap<Outcome, Counter>(Outcome.class);
            for (var outcome : Outcome.values()) {
                byOutcome.put(outcome, Counter.builder("rusvarsel_deliveries_total")
                        .description("Delivery attempts of alert messages, by channel and outcome")
                        .tag("channel", label(channel)).tag("outcome", outcome.label()).register(meters));
            }
            counters.put(channel, byOutcome);
            timers.put(channel, Timer.builder("rusvarsel_delivery_seconds")
                    .description("Time one delivery attempt took (HTTP POST or SMTP send)")
                    .tag("channel", label(channel)).register(meters));
        }
    }

    private static String label(Channel channel) {
        return channel.name().toLowerCase(Locale.ROOT);
    }

    public void record(Channel channel, Outcome outcome, Duration took) {
        counters.get(channel).get(outcome).increment();
        if (outcome != Outcome.CANCELLED) {
            timers.get(channel).record(took);
        }
    }
}
