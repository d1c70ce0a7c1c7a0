package no.rusvarsel.alerts.delivery;

import io.micronaut.transaction.annotation.TransactionalEventListener;
import no.rusvarsel.alerts.alert.AlertEventRecorded;
import no.rusvarsel.alerts.config.SoonRunner;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import no.rusvarsel.alerts.delivery.webhook.WebhookSettings;
import no.rusvarsel.alerts.subscription.Subscription;
import no.rusvarsel.alerts.subscription.SubscriptionRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Drains the delivery queue: claims as many due messages as it has free senders, sends them in parallel, and polls
 * again when the queue has nothing due. Any number of instances may run; the queue's leases keep them apart.
 */
@Singleton
@Requires(property = "rusvarsel.delivery.enabled", notEquals = "false")
public class DeliveryWorker {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryWorker.class);

    private final DeliveryQueue queue;
    private final DeliveryProcessor processor;
    private final SubscriptionRepository subscriptions;
    private final DeliverySettings settings;
    private final Clock clock;
    private final ExecutorService senders;
    private final Semaphore free;
    private volatile boolean stopping;
    private final SoonRunner soon = new SoonRunner("delivery-wakeup", this::poll);

    public DeliveryWorker(DeliveryQueue queue, DeliveryProcessor processor, SubscriptionRepository subscriptions,
                          DeliverySettings settings, WebhookSettings webhook, Clock clock) {
        this.queue = queue;
        this.processor = processor;
        this.subscriptions = subscriptions;
        this.settings = settings;
        this.clock = clock;
        var n = new AtomicInteger();
        this.senders = Executors.newFixedThreadPool(settings.concurrency(), r -> {
            var t = new Thread(r, "delivery-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.free = new Semaphore(settings.concurrency());
        var slowest = webhook.connectTimeout().plus(webhook.readTimeout()).multipliedBy(2);
        if (settings.lease().compareTo(slowest) < 0) {
            LOG.warn("RUSVARSEL_DELIVERY_LEASE {} is short for webhook timeouts of {} + {}: a slow attempt may be"
                    + " claimed again by another worker before it finishes", settings.lease(), webhook.connectTimeout(),
                    webhook.readTimeout());
        }
    }

    /** A change queued messages: send them now rather than at the next poll. */
    @TransactionalEventListener(TransactionalEventListener.TransactionPhase.AFTER_COMMIT)
    void onRecorded(AlertEventRecorded recorded) {
        if (recorded.notified()) {
            soon.request();
        }
    }

    @Scheduled(fixedDelay = "${rusvarsel.delivery.poll-interval:500ms}", initialDelay = "${rusvarsel.delivery.initial-delay:2s}")
    void poll() {
        try {
            drain();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warn("delivery queue not polled, will retry: {}", e.toString());
        }
    }

    /** Sends until nothing is due; returns when a claim finds fewer messages than there are free senders. */
    void drain() throws InterruptedException {
        while (!stopping) {
            free.acquire();
            int slots = 1 + free.drainPermits();
            List<Delivery> claimed;
            Map<UUID, Subscription> owners;
            try {
                claimed = queue.claim(slots, settings.lease(), clock.instant());
                owners = subscriptionsOf(claimed);
            } catch (RuntimeException e) {
                free.release(slots);
                throw e;
            }
            free.release(slots - claimed.size());
            for (var d : claimed) {
                senders.execute(() -> {
                    try {
                        processor.process(d, owners.get(d.subscriptionId()));
                    } catch (RuntimeException e) {
                        // not recorded: the lease runs out and the message is claimed again
                        LOG.warn("delivery {} not recorded, will be retried after its lease: {}", d.deliveryId(), e.toString());
                    } finally {
                        free.release();
                    }
                });
            }
            if (claimed.size() < slots) {
                return;
            }
        }
    }

    private Map<UUID, Subscription> subscriptionsOf(List<Delivery> claimed) {
        if (claimed.isEmpty()) {
            return Map.of();
        }
        var ids = claimed.stream().map(Delivery::subscriptionId).collect(Collectors.toSet());
        return subscriptions.findBySubscriptionIdIn(ids).stream()
                .collect(Collectors.toMap(Subscription::subscriptionId, Function.identity()));
    }

    @PreDestroy
    void stop() throws InterruptedException {
        stopping = true;
        soon.close();
        senders.shutdown();
        if (!senders.awaitTermination(10, TimeUnit.SECONDS)) {
            senders.shutdownNow();
        }
    }
}
