CREATE TABLE sample_ledger (
    id          BIGSERIAL PRIMARY KEY,
    external_id TEXT        NOT NULL UNIQUE,
    received_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
