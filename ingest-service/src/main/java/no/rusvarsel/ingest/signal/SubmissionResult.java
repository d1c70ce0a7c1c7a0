package no.rusvarsel.ingest.signal;

import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/** The {@code 202 Accepted} body: counts per outcome and each record's signal id and status (DESIGN §4). */
@Serdeable
public record SubmissionResult(int accepted, int duplicates, int corrected, List<RecordResult> results) {

    /** What happened to one record of the request. */
    @Serdeable
    public enum Status { ACCEPTED, DUPLICATE, CORRECTED }

    @Serdeable
    public record RecordResult(String externalId, String signalId, Status status) {
    }

    static SubmissionResult of(List<RecordResult> results) {
        int accepted = 0;
        int duplicates = 0;
        int corrected = 0;
        for (var r : results) {
            switch (r.status()) {
                case ACCEPTED -> accepted++;
                case DUPLICATE -> duplicates++;
                case CORRECTED -> corrected++;
            }
        }
        return new SubmissionResult(accepted, duplicates, corrected, List.copyOf(results));
    }
}
