package no.rusvarsel.ingest.signal;

import io.micronaut.core.type.Argument;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.ObjectMapper;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.TransactionDefinition;
import jakarta.inject.Singleton;
import no.rusvarsel.contracts.catalogue.RegionCatalogue;
import no.rusvarsel.contracts.catalogue.SubstanceCatalogue;
import no.rusvarsel.contracts.signal.DrugCheckingResult;
import no.rusvarsel.contracts.signal.ObservedAt;
import no.rusvarsel.contracts.signal.ObservedSubstance;
import no.rusvarsel.contracts.signal.PatientEvent;
import no.rusvarsel.contracts.signal.SeizureReport;
import no.rusvarsel.contracts.signal.SignalEnvelope;
import no.rusvarsel.contracts.signal.SignalIds;
import no.rusvarsel.contracts.signal.SignalPayload;
import no.rusvarsel.contracts.signal.SourceType;
import no.rusvarsel.contracts.signal.SyringeResult;
import no.rusvarsel.contracts.signal.WastewaterResult;
import no.rusvarsel.support.problem.ApiException;
import no.rusvarsel.ingest.provider.ProviderPrincipal;
import no.rusvarsel.support.problem.FieldError;
import no.rusvarsel.ingest.validation.PersonalDataGuard;
import no.rusvarsel.ingest.validation.RecordValidator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Accepts a provider's records all-or-nothing: validates every record, sorts each into ACCEPTED, DUPLICATE or
 * CORRECTED against the ledger, writes the new versions to the ledger as pending on a Kafka transactional id,
 * publishes them in that Kafka transaction, then settles them. A crash or a lost answer between those steps leaves
 * pending versions that {@link PendingReconciler} settles from what the topic holds, so a version is in Kafka
 * once, never twice, whatever the client retries meanwhile (it gets 503 until the version is settled).
 */
@Singleton
public class SignalIntakeService {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SignalIntakeService.class);
    private static final int ATTEMPTS = 3;
    /** A 10 MB body of bad records could list millions of errors: the response lists this many. */
    static final int MAX_LISTED_ERRORS = 1000;

    private final RecordValidator validator;
    private final RegionCatalogue regions;
    private final SubstanceCatalogue substances;
    private final SignalLedger ledger;
    private final SignalPublisher publisher;
    private final TransactionOperations<Connection> transactions;
    private final ObjectMapper mapper;
    private final IntakeMetrics metrics;
    private final Clock clock;

    public SignalIntakeService(RecordValidator validator, RegionCatalogue regions, SubstanceCatalogue substances,
                               SignalLedger ledger, SignalPublisher publisher, TransactionOperations<Connection> transactions,
                               ObjectMapper mapper, IntakeMetrics metrics, Clock clock) {
        this.validator = validator;
        this.regions = regions;
        this.substances = substances;
        this.ledger = ledger;
        this.publisher = publisher;
        this.transactions = transactions;
        this.mapper = mapper;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** A validated record with its identity and content fingerprint. */
    private record Candidate(JsonNode node, String externalId, String region, UUID signalId, String canonical, String hash) {
    }

    public SubmissionResult submit(ProviderPrincipal provider, SourceType type, List<JsonNode> records) {
        var errors = new ArrayList<FieldError>();
        for (int i = 0; i < records.size(); i++) {
            errors.addAll(validator.validate(type, i, records.get(i)));
            errors.addAll(PersonalDataGuard.scan(i, records.get(i)));
        }
        if (!errors.isEmpty()) {
            metrics.rejected(type, records.size());
            long bad = errors.stream().mapToInt(FieldError::index).distinct().count();
            var detail = bad + " of " + records.size() + " records are invalid; nothing was accepted";
            if (errors.size() > MAX_LISTED_ERRORS) {
                detail += " (" + errors.size() + " errors, the first " + MAX_LISTED_ERRORS + " listed)";
            }
            throw ApiException.invalid(detail, List.copyOf(errors.subList(0, Math.min(errors.size(), MAX_LISTED_ERRORS))));
        }
        var candidates = records.stream().map(node -> candidate(provider, type, node)).toList();
        checkRegions(provider, candidates);
        for (int attempt = 1; ; attempt++) {
            try (var lease = publisher.lease()) {
                var prepared = transactions.execute(TransactionDefinition.DEFAULT,
                        status -> prepare(provider, type, candidates, lease.transactionalId()));
                publish(lease, prepared);
                metrics.stored(type, prepared.result());
                return prepared.result();
            } catch (LedgerConflict conflict) {
                if (attempt == ATTEMPTS) {
                    throw ApiException.unavailable("the same records are being submitted concurrently; try again", Duration.ofSeconds(1));
                }
            } catch (InDoubt pending) {
                throw ApiException.unavailable("a previous submission of " + pending.externalId
                        + " is still being confirmed with Kafka; nothing was accepted, try again", pending.retryAfter);
            } catch (SignalPublisher.PublishFailedException e) {
                if (e.missed() && attempt < ATTEMPTS) {
                    continue;
                }
                metrics.unavailable(type, records.size());
                throw ApiException.unavailable("Kafka cannot take signals now; nothing was accepted", Duration.ofSeconds(10));
            }
        }
    }

    /** The ledger's pending versions (with the Kafka transactional id that will carry them) and the response. */
    private record Prepared(List<SignalEnvelope> envelopes, List<UUID> pending, String transactionalId, SubmissionResult result) {
    }

    private void publish(SignalPublisher.Lease lease, Prepared prepared) {
        if (prepared.envelopes().isEmpty()) {
            return;
        }
        try {
            metrics.timePublish(() -> lease.publish(prepared.envelopes()));
        } catch (SignalPublisher.PublishFailedException e) {
            if (!e.mayHaveCommitted()) {
                undo(lease, prepared);
            } // else the reconciler finds out from the topic whether the commit happened
            throw e;
        }
        try {
            settle(prepared);
        } catch (RuntimeException e) {
            // the signals are in Kafka, so the answer is 202; the reconciler settles them once the database is back
            lease.discard();
            LOG.warn("{} signals are in Kafka but could not be settled in the ledger; the reconciler will: {}",
                    prepared.pending().size(), e.toString());
        }
    }

    private void settle(Prepared prepared) {
        transactions.execute(TransactionDefinition.DEFAULT, status -> ledger.settle(prepared.pending(), prepared.transactionalId()));
    }

    private void undo(SignalPublisher.Lease lease, Prepared prepared) {
        try {
            transactions.execute(TransactionDefinition.DEFAULT, status -> ledger.rollBack(prepared.pending(), prepared.transactionalId()));
        } catch (RuntimeException e) {
            lease.discard();
            LOG.warn("{} pending versions that never reached Kafka could not be undone now; the reconciler will: {}",
                    prepared.pending().size(), e.toString());
        }
    }

    private Candidate candidate(ProviderPrincipal provider, SourceType type, JsonNode node) {
        var externalId = node.get("externalId").getStringValue();
        var canonical = CanonicalJson.of(node);
        return new Candidate(node, externalId, node.get("region").getStringValue(),
                UUID.fromString(SignalIds.of(provider.providerId(), type, externalId)), canonical, CanonicalJson.sha256(canonical));
    }

    private void checkRegions(ProviderPrincipal provider, List<Candidate> candidates) {
        if (provider.regions().isEmpty()) {
            return;
        }
        for (var c : candidates) {
            var county = regions.countyOf(c.region()).orElse(c.region());
            if (!provider.regions().contains(c.region()) && !provider.regions().contains(county)) {
                throw ApiException.forbidden("provider " + provider.providerId() + " may not report for region " + c.region()
                        + "; nothing was accepted");
            }
        }
    }

    private Prepared prepare(ProviderPrincipal provider, SourceType type, List<Candidate> candidates, String transactionalId) {
        var stored = ledger.find(candidates.stream().map(Candidate::signalId).distinct().toList());
        var now = clock.instant();
        for (var c : candidates) {
            var entry = stored.get(c.signalId());
            if (entry != null && entry.isPending()) {
                throw new InDoubt(c.externalId(), retryAfter(entry.pending().since(), now));
            }
        }
        var latest = new HashMap<UUID, LedgerEntry>(stored);
        var changed = new LinkedHashMap<UUID, LedgerEntry>();
        var envelopes = new ArrayList<SignalEnvelope>();
        var results = new ArrayList<SubmissionResult.RecordResult>();
        for (var c : candidates) {
            var previous = latest.get(c.signalId());
            SubmissionResult.Status status;
            if (previous != null && previous.contentHash().equals(c.hash())) {
                status = SubmissionResult.Status.DUPLICATE;
            } else {
                int version = previous == null ? 1 : previous.version() + 1;
                status = previous == null ? SubmissionResult.Status.ACCEPTED : SubmissionResult.Status.CORRECTED;
                var envelope = envelope(provider, type, c, version, now);
                envelopes.add(envelope);
                var entry = new LedgerEntry(c.signalId(), provider.providerId(), type.path(), c.externalId(), version,
                        c.hash(), envelope.observedAt(), now, c.canonical(), null);
                latest.put(c.signalId(), entry);
                changed.put(c.signalId(), entry);
            }
            results.add(new SubmissionResult.RecordResult(c.externalId(), c.signalId().toString(), status));
        }
        var inserts = new ArrayList<LedgerEntry>();
        var updates = new LinkedHashMap<LedgerEntry, Integer>();
        changed.forEach((id, entry) -> {
            var before = stored.get(id);
            if (before == null) {
                inserts.add(entry);
            } else {
                updates.put(entry, before.version());
            }
        });
        if (!ledger.writePending(inserts, updates, transactionalId, now)) {
            throw new LedgerConflict();
        }
        return new Prepared(envelopes, List.copyOf(changed.keySet()), transactionalId, SubmissionResult.of(results));
    }

    /** Until the reconciler can take the pending version (at most 10 s, so that a live request's is not waited out). */
    private Duration retryAfter(java.time.Instant pendingSince, java.time.Instant now) {
        var left = Duration.between(now, pendingSince.plus(publisher.longestRequest()).plus(PendingReconciler.INTERVAL));
        return left.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1)
                : left.compareTo(Duration.ofSeconds(10)) > 0 ? Duration.ofSeconds(10) : left;
    }

    private SignalEnvelope envelope(ProviderPrincipal provider, SourceType type, Candidate c, int version, java.time.Instant now) {
        var payload = payload(type, c.node());
        var county = regions.countyOf(c.region()).orElseThrow();
        var observed = payload.reportedSubstances().stream()
                .map(name -> ObservedSubstance.of(name, substances.match(name))).toList();
        return new SignalEnvelope(c.signalId().toString(), version, provider.providerId(), type, c.externalId(), c.region(),
                county, ObservedAt.parse(payload.observedAt()), now, c.hash(), observed, payload);
    }

    private SignalPayload payload(SourceType type, JsonNode node) {
        Class<? extends SignalPayload> recordType = switch (type) {
            case WASTEWATER -> WastewaterResult.class;
            case DRUG_CHECKING -> DrugCheckingResult.class;
            case SEIZURE -> SeizureReport.class;
            case PATIENT_EVENT -> PatientEvent.class;
            case SYRINGE -> SyringeResult.class;
        };
        try {
            return mapper.readValueFromTree(node, Argument.of(recordType));
        } catch (IOException e) {
            throw new UncheckedIOException("a validated record could not be read as " + recordType.getSimpleName(), e);
        }
    }

    /** A record has a version pending from an earlier request: whether Kafka holds it is not known yet. */
    private static final class InDoubt extends RuntimeException {
        final String externalId;
        final Duration retryAfter;

        InDoubt(String externalId, Duration retryAfter) {
            super(null, null, false, false);
            this.externalId = externalId;
            this.retryAfter = retryAfter;
        }
    }

    /** Another request changed one of these records between our read and our write. */
    private static final class LedgerConflict extends RuntimeException {
        LedgerConflict() {
            super(null, null, false, false);
        }
    }
}
