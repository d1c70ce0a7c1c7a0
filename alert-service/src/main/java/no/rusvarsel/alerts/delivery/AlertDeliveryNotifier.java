package no.rusvarsel.alerts.delivery;

import jakarta.inject.Singleton;
import no.rusvarsel.alerts.alert.Alert;
import no.rusvarsel.alerts.alert.AlertNotifier;
import no.rusvarsel.alerts.delivery.message.AlertMessages;
import no.rusvarsel.alerts.subscription.FilterMatcher;
import no.rusvarsel.alerts.subscription.SubscriptionRepository;
import no.rusvarsel.alerts.subscription.SubscriptionStatus;
import no.rusvarsel.contracts.alert.AlertEvent;

import java.time.Clock;

/**
 * Queues a message for every active subscription whose filter matches an alert change, in the transaction of that
 * change: the change and its messages commit together, and a change is queued at most once per subscription.
 */
@Singleton
public class AlertDeliveryNotifier implements AlertNotifier {

    private final SubscriptionRepository subscriptions;
    private final FilterMatcher matcher;
    private final AlertMessages messages;
    private final DeliveryQueue queue;
    private final Clock clock;

    public AlertDeliveryNotifier(SubscriptionRepository subscriptions, FilterMatcher matcher, AlertMessages messages,
                                 DeliveryQueue queue, Clock clock) {
        this.subscriptions = subscriptions;
        this.matcher = matcher;
        this.messages = messages;
        this.queue = queue;
        this.clock = clock;
    }

    @Override
    public void notify(Alert alert, AlertEvent event) {
        var matching = subscriptions.findByStatus(SubscriptionStatus.ACTIVE).stream()
                .filter(s -> matcher.matches(s.filter(), alert))
                .toList();
        if (matching.isEmpty()) {
            return;
        }
        var type = AlertMessages.type(event.type());
        var payload = messages.write(messages.alert(alert, event));
        var now = clock.instant();
        for (var s : matching) {
            queue.enqueue(s, event.eventId(), type, alert.alertId(), payload, now);
        }
    }
}
