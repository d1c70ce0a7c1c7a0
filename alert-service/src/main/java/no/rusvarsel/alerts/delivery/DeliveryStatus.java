package no.rusvarsel.alerts.delivery;

import io.micronaut.serde.annotation.Serdeable;

/** PENDING until DELIVERED, or FAILED (retries exhausted, target refused, 410 Gone), or CANCELLED (subscription disabled). */
@Serdeable
public enum DeliveryStatus { PENDING, DELIVERED, FAILED, CANCELLED }
