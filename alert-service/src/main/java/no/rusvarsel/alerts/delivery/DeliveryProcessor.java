package no.rusvarsel.alerts.delivery;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import no.rusvarsel.alerts.subscription.Channel;
import no.rusvarsel.alerts.subscription.Subscription;
import no.rusvarsel.alerts.subscription.SubscriptionRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/** Makes one attempt at a claimed delivery through its channel and records what came of it. */
@Singleton
public class DeliveryProcessor {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryProcessor.class);

    private final DeliveryQueue queue;
    private final SubscriptionRepository subscriptions;
    private final Map<Channel, ChannelSender> senders = new EnumMap<>(Channel.class);
    private final DeliverySettings settings;
    private final DeliveryMetrics metrics;
    private final Clock clock;

    public DeliveryProcessor(DeliveryQueue queue, SubscriptionRepository subscriptions, List<ChannelSender> senders,
                             DeliverySettings settings, DeliveryMetrics metrics, Clock clock) {
        this.queue = queue;
        this.subscriptions = subscriptions;
        senders.forEach(s -> this.senders.put(s.channel(), s));
        this.settings = settings;
        this.metrics = metrics;
        this.clock = clock;
    }

    public void process(Delivery d) {
        process(d, subscriptions.findById(d.subscriptionId()).orElse(null));
    }

    /** Processes a claimed delivery whose subscription the caller has read (null when it is gone). */
    public void process(Delivery d, @Nullable Subscription subscription) {
        if (subscription == null || !subscription.active()) {
            queue.cancel(d, "subscription disabled", clock.instant());
            metrics.record(d.channel(), Outcome.CANCELLED, Duration.ZERO);
            return;
        }
        var attemptedAt = clock.instant();
        long started = System.nanoTime();
        AttemptResult result;
        try {
            result = senders.get(subscription.channel()).send(subscription, d);
        } catch (RuntimeException e) {
            LOG.warn("delivery {} attempt {} failed unexpectedly: {}", d.deliveryId(), d.attempts(), e.toString());
            var why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            result = AttemptResult.failed("internal error: " + (why.length() > 300 ? why.substring(0, 300) + "…" : why));
        }
        var took = Duration.ofNanos(System.nanoTime() - started);
        var now = clock.instant();
        var decision = Decision.after(result, d.attempts(), settings.schedule(), now, ThreadLocalRandom.current()::nextDouble);
        if (!queue.complete(d, decision, result, attemptedAt, took, now)) {
            LOG.info("delivery {} attempt {} finished after its lease was lost; not recorded", d.deliveryId(), d.attempts());
        }
        metrics.record(subscription.channel(), decision.outcome(), took);
        if (decision.outcome() == Outcome.GONE) {
            LOG.info("subscription {} disabled: its receiver answered 410 Gone", d.subscriptionId());
        } else if (decision.outcome() != Outcome.DELIVERED) {
            LOG.info("delivery {} attempt {} to subscription {}: {} ({})", d.deliveryId(), d.attempts(), d.subscriptionId(),
                    decision.outcome(), result.error());
        }
    }
}
