-- Subscriptions (DESIGN §6): who wants to hear of which alerts, and where (a signed webhook or an e-mail address).
-- Deleting a subscription deletes its queue and delivery log with it (the target may be a person's address).
CREATE TABLE subscription (
    subscription_id       UUID PRIMARY KEY,
    owner                 TEXT        NOT NULL,
    name                  TEXT        NOT NULL,
    channel               TEXT        NOT NULL CHECK (channel IN ('WEBHOOK', 'EMAIL')),
    target                TEXT        NOT NULL,
    filter                JSONB       NOT NULL,
    -- the webhook signing secret: AES-256-GCM sealed when RUSVARSEL_WEBHOOK_SECRET_KEY is set ("v1:…"), else "plain:…"
    secret                TEXT,
    -- the secret before the last rotation: messages are signed with both until previous_secret_until
    previous_secret       TEXT,
    previous_secret_until TIMESTAMPTZ,
    secret_rotated_at     TIMESTAMPTZ,
    status                TEXT        NOT NULL CHECK (status IN ('ACTIVE', 'DISABLED')),
    disabled_reason       TEXT,
    disabled_at           TIMESTAMPTZ,
    created_at            TIMESTAMPTZ NOT NULL,
    updated_at            TIMESTAMPTZ NOT NULL
);
CREATE INDEX subscription_by_owner ON subscription (owner, created_at);
CREATE INDEX subscription_active ON subscription (created_at) WHERE status = 'ACTIVE';

-- The delivery queue: one message per subscription per alert change (or test), retried until delivered or given up.
-- Workers claim due rows with FOR UPDATE SKIP LOCKED and hold them by a lease (locked_until, lease_token), never
-- by an open transaction; the unique (subscription_id, event_id) makes a second queueing of one change impossible.
CREATE TABLE delivery (
    delivery_id      UUID PRIMARY KEY,
    subscription_id  UUID        NOT NULL REFERENCES subscription (subscription_id) ON DELETE CASCADE,
    event_id         TEXT        NOT NULL,
    message_id       TEXT        NOT NULL UNIQUE,
    type             TEXT        NOT NULL,
    alert_id         TEXT,
    channel          TEXT        NOT NULL,
    payload          TEXT        NOT NULL,
    status           TEXT        NOT NULL CHECK (status IN ('PENDING', 'DELIVERED', 'FAILED', 'CANCELLED')),
    attempts         INT         NOT NULL DEFAULT 0,
    next_attempt_at  TIMESTAMPTZ,
    locked_until     TIMESTAMPTZ,
    lease_token      UUID,
    last_status_code INT,
    last_error       TEXT,
    created_at       TIMESTAMPTZ NOT NULL,
    updated_at       TIMESTAMPTZ NOT NULL,
    completed_at     TIMESTAMPTZ,
    UNIQUE (subscription_id, event_id)
);
CREATE INDEX delivery_due ON delivery (next_attempt_at) WHERE status = 'PENDING';
CREATE INDEX delivery_by_subscription ON delivery (subscription_id, created_at DESC);
CREATE INDEX delivery_completed ON delivery (completed_at) WHERE completed_at IS NOT NULL;

-- The delivery log: every attempt, with what the receiver answered.
CREATE TABLE delivery_attempt (
    attempt_id       BIGSERIAL PRIMARY KEY,
    delivery_id      UUID        NOT NULL REFERENCES delivery (delivery_id) ON DELETE CASCADE,
    attempt          INT         NOT NULL,
    attempted_at     TIMESTAMPTZ NOT NULL,
    duration_ms      BIGINT      NOT NULL,
    outcome          TEXT        NOT NULL,
    status_code      INT,
    error            TEXT,
    response_excerpt TEXT,
    next_attempt_at  TIMESTAMPTZ,
    UNIQUE (delivery_id, attempt)
);
