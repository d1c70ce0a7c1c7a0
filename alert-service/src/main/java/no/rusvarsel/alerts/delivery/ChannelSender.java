package no.rusvarsel.alerts.delivery;

import no.rusvarsel.alerts.subscription.Channel;
import no.rusvarsel.alerts.subscription.Subscription;

/** Sends one queued message through one channel, once; never throws for a failure of the receiver. */
public interface ChannelSender {

    Channel channel();

    AttemptResult send(Subscription subscription, Delivery delivery);
}
