-- The accepted content of the latest version, so a provider can read back what it submitted.
ALTER TABLE signal_ledger ADD COLUMN payload TEXT;
UPDATE signal_ledger SET payload = '{}' WHERE payload IS NULL;
ALTER TABLE signal_ledger ALTER COLUMN payload SET NOT NULL;
