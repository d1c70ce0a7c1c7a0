-- A new version is written as pending before it is published to Kafka and settled once Kafka has committed it.
-- A version left pending by a crash (or an answer lost from Kafka) is settled by looking for it in the topic after
-- fencing the Kafka transactional id that published it (no.rusvarsel.ingest.signal.PendingReconciler): found, it
-- stays; not found, the row goes back to its previous version (or away, for a first version).
ALTER TABLE signal_ledger
    ADD COLUMN pending_txn       TEXT,
    ADD COLUMN pending_since     TIMESTAMPTZ,
    ADD COLUMN prev_version      INTEGER,
    ADD COLUMN prev_content_hash TEXT,
    ADD COLUMN prev_observed_at  TIMESTAMPTZ,
    ADD COLUMN prev_received_at  TIMESTAMPTZ,
    ADD COLUMN prev_payload      TEXT;
CREATE INDEX signal_ledger_pending_idx ON signal_ledger (pending_since) WHERE pending_txn IS NOT NULL;
