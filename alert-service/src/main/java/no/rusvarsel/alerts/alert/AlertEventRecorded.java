package no.rusvarsel.alerts.alert;

/**
 * Published in the transaction that recorded an alert change; listeners that read the change from the database
 * (the live stream, the delivery queue) act on it after it commits instead of at their next poll.
 *
 * @param notified whether the change queued messages for subscribers
 */
public record AlertEventRecorded(boolean notified) {
}
