package no.rusvarsel.alerts.alert;

import no.rusvarsel.contracts.alert.AlertEvent;

/**
 * Told, inside the transaction of the alert change, about every change that subscribers must hear of
 * (a new alert, an escalation); implementations queue their deliveries in that same transaction, so a
 * change and its notifications commit or roll back together.
 */
public interface AlertNotifier {

    void notify(Alert alert, AlertEvent event);
}
