package no.rusvarsel.alerts.alert;

import io.micronaut.core.annotation.Nullable;
import no.rusvarsel.contracts.alert.AlertStatus;
import no.rusvarsel.contracts.detection.Severity;

import java.time.Instant;
import java.util.Set;

/**
 * What an alert list asks for; empty sets mean "any".
 *
 * @param county       only alerts in this county (a county filter matches its municipalities)
 * @param municipality only alerts about this municipality or about its whole county
 * @param since        only alerts changed at or after this instant
 */
public record AlertFilter(Set<AlertStatus> statuses, @Nullable String county, @Nullable String municipality,
                          Set<Severity> severities, @Nullable Severity minSeverity, @Nullable Instant since,
                          int page, int size) {
}
