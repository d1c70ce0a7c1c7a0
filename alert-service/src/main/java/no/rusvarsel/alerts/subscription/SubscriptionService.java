package no.rusvarsel.alerts.subscription;

import io.micronaut.context.annotation.Value;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.Sort;
import io.micronaut.http.HttpStatus;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import no.rusvarsel.alerts.delivery.Delivery;
import no.rusvarsel.alerts.delivery.DeliveryAttempt;
import no.rusvarsel.alerts.delivery.DeliveryAttemptRepository;
import no.rusvarsel.alerts.delivery.DeliveryQueue;
import no.rusvarsel.alerts.delivery.DeliveryRepository;
import no.rusvarsel.alerts.delivery.message.AlertMessages;
import no.rusvarsel.alerts.delivery.message.TestEnvelope;
import no.rusvarsel.alerts.delivery.webhook.SecretCipher;
import no.rusvarsel.alerts.delivery.webhook.WebhookSecrets;
import no.rusvarsel.alerts.delivery.webhook.WebhookSettings;
import no.rusvarsel.support.problem.ApiException;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Subscriptions for people: each manages their own (owner = the token's subject), ADMIN manages all; another
 * person's subscription is answered as not found. Creating or rotating a webhook returns its new secret once.
 */
@Singleton
public class SubscriptionService {

    public static final String ADMIN = "ADMIN";

    private final SubscriptionRepository subscriptions;
    private final DeliveryRepository deliveries;
    private final DeliveryAttemptRepository attempts;
    private final DeliveryQueue queue;
    private final AlertMessages messages;
    private final SecretCipher cipher;
    private final WebhookSettings webhook;
    private final Clock clock;
    private final int maxPerOwner;

    public SubscriptionService(SubscriptionRepository subscriptions, DeliveryRepository deliveries,
                               DeliveryAttemptRepository attempts, DeliveryQueue queue, AlertMessages messages,
                               SecretCipher cipher, WebhookSettings webhook, Clock clock,
                               @Value("${rusvarsel.subscriptions.max-per-owner:100}") int maxPerOwner) {
        this.subscriptions = subscriptions;
        this.deliveries = deliveries;
        this.attempts = attempts;
        this.queue = queue;
        this.messages = messages;
        this.cipher = cipher;
        this.webhook = webhook;
        this.clock = clock;
        this.maxPerOwner = maxPerOwner;
    }

    @Transactional
    public SubscriptionView create(Authentication who, SubscriptionValidator.Valid v) {
        if (subscriptions.countByOwner(who.getName()) >= maxPerOwner) {
            throw new ApiException(HttpStatus.CONFLICT, "subscription-limit", "Too many subscriptions",
                    "an owner may have at most " + maxPerOwner + " subscriptions", null, null);
        }
        var id = UUID.randomUUID();
        var now = clock.instant();
        var secret = v.channel() == Channel.WEBHOOK ? WebhookSecrets.generate() : null;
        var s = subscriptions.save(new Subscription(id, who.getName(), v.name(), v.channel(), v.target(), v.filter(),
                secret == null ? null : cipher.seal(id, secret), null, null, secret == null ? null : now,
                SubscriptionStatus.ACTIVE, null, null, now, now));
        return SubscriptionView.withSecret(s, secret);
    }

    @Transactional(readOnly = true)
    public SubscriptionView.Page list(Authentication who, int page, int size) {
        var pageable = Pageable.from(page, size, Sort.of(Sort.Order.asc("createdAt"), Sort.Order.asc("subscriptionId")));
        var found = isAdmin(who) ? subscriptions.findAll(pageable) : subscriptions.findByOwner(who.getName(), pageable);
        return new SubscriptionView.Page(found.getContent().stream().map(SubscriptionView::of).toList(), page, size,
                found.getTotalSize());
    }

    @Transactional(readOnly = true)
    public Subscription get(Authentication who, String id) {
        var uuid = parse(id);
        return subscriptions.findById(uuid)
                .filter(s -> isAdmin(who) || s.owner().equals(who.getName()))
                .orElseThrow(() -> ApiException.notFound("no subscription " + id));
    }

    @Transactional
    public void delete(Authentication who, String id) {
        subscriptions.deleteById(get(who, id).subscriptionId());
    }

    /** A new signing secret; the old one keeps signing (alongside) for the configured overlap. */
    @Transactional
    public SubscriptionView rotateSecret(Authentication who, String id) {
        var s = get(who, id);
        if (s.channel() != Channel.WEBHOOK) {
            throw new ApiException(HttpStatus.CONFLICT, "no-secret", "Subscription has no secret",
                    "only webhook subscriptions have a signing secret", null, null);
        }
        var now = clock.instant();
        var secret = WebhookSecrets.generate();
        var overlap = webhook.secretOverlap();
        var previous = overlap.isZero() || overlap.isNegative() ? null : s.secret();
        var updated = subscriptions.update(s.withSecrets(cipher.seal(s.subscriptionId(), secret), previous,
                previous == null ? null : now.plus(overlap), now));
        return SubscriptionView.withSecret(updated, secret);
    }

    /** Turns deliveries back on, e.g. after a receiver that answered 410 Gone is back. */
    @Transactional
    public SubscriptionView enable(Authentication who, String id) {
        var s = get(who, id);
        if (s.active()) {
            return SubscriptionView.of(s);
        }
        return SubscriptionView.of(subscriptions.update(s.withStatus(SubscriptionStatus.ACTIVE, null, clock.instant())));
    }

    /** Queues a test message through the subscription's channel. */
    @Transactional
    public DeliveryView test(Authentication who, String id) {
        var s = get(who, id);
        if (!s.active()) {
            throw new ApiException(HttpStatus.CONFLICT, "subscription-disabled", "Subscription is disabled",
                    "subscription " + id + " is disabled (" + s.disabledReason() + "); enable it first", null, null);
        }
        var now = clock.instant();
        var payload = messages.write(messages.test(s, now));
        var deliveryId = queue.enqueue(s, "test:" + UUID.randomUUID(), TestEnvelope.TYPE, null, payload, now).orElseThrow();
        return DeliveryView.of(deliveries.findById(deliveryId).orElseThrow(), List.of());
    }

    @Transactional(readOnly = true)
    public DeliveryView.Page deliveries(Authentication who, String id, int page, int size) {
        var s = get(who, id);
        var found = deliveries.findBySubscriptionId(s.subscriptionId(),
                Pageable.from(page, size, Sort.of(Sort.Order.desc("createdAt"), Sort.Order.desc("deliveryId"))));
        var ids = found.getContent().stream().map(Delivery::deliveryId).toList();
        var log = ids.isEmpty() ? Map.<UUID, List<DeliveryAttempt>>of()
                : attempts.findByDeliveryIdInOrderByAttempt(ids).stream()
                .collect(Collectors.groupingBy(DeliveryAttempt::deliveryId));
        return new DeliveryView.Page(found.getContent().stream()
                .map(d -> DeliveryView.of(d, log.getOrDefault(d.deliveryId(), List.of()))).toList(),
                page, size, found.getTotalSize());
    }

    private static boolean isAdmin(Authentication who) {
        return who.getRoles().contains(ADMIN);
    }

    private static UUID parse(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound("no subscription " + id);
        }
    }
}
