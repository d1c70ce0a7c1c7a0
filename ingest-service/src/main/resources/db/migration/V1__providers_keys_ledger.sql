-- Data providers and their API keys (DESIGN §3), and the ledger of accepted records (DESIGN §4).

CREATE TABLE provider (
    id                        TEXT PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
    name                      TEXT        NOT NULL,
    source_types              TEXT[]      NOT NULL,
    regions                   TEXT[]      NOT NULL DEFAULT '{}',
    expected_interval_minutes INTEGER,
    created_at                TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Keys are stored only as SHA-256 hashes; the prefix lets an admin tell keys apart.
CREATE TABLE api_key (
    id          UUID PRIMARY KEY,
    provider_id TEXT        NOT NULL REFERENCES provider (id),
    key_hash    TEXT        NOT NULL UNIQUE,
    key_prefix  TEXT        NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    revoked_at  TIMESTAMPTZ
);
CREATE INDEX api_key_provider_idx ON api_key (provider_id);

-- One row per (provider, sourceType, externalId): the latest accepted version and its content hash.
CREATE TABLE signal_ledger (
    provider_id  TEXT        NOT NULL REFERENCES provider (id),
    source_type  TEXT        NOT NULL,
    external_id  TEXT        NOT NULL,
    signal_id    UUID        NOT NULL UNIQUE,
    version      INTEGER     NOT NULL,
    content_hash TEXT        NOT NULL,
    observed_at  TIMESTAMPTZ NOT NULL,
    received_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (provider_id, source_type, external_id)
);
CREATE INDEX signal_ledger_received_idx ON signal_ledger (provider_id, received_at);
