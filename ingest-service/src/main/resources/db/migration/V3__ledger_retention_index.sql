-- The retention job deletes by received_at across all providers
CREATE INDEX signal_ledger_received_at_idx ON signal_ledger (received_at);
