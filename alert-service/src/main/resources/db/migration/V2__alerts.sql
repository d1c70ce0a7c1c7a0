-- Alert episodes (DESIGN §6): one active alert per (county, rule family, substance or class).
CREATE TABLE alert (
    alert_id          TEXT PRIMARY KEY,
    episode_key       TEXT        NOT NULL,
    status            TEXT        NOT NULL,
    severity          TEXT        NOT NULL,
    severity_rank     SMALLINT    NOT NULL,
    certainty         TEXT        NOT NULL,
    county            TEXT        NOT NULL,
    region            TEXT        NOT NULL,
    regions           TEXT[]      NOT NULL,
    substance         TEXT,
    substance_name    TEXT,
    substance_class   TEXT,
    rule_family       TEXT        NOT NULL,
    rules             TEXT[]      NOT NULL,
    source_types      TEXT[]      NOT NULL,
    summary           TEXT        NOT NULL,
    window_start      TIMESTAMPTZ NOT NULL,
    window_end        TIMESTAMPTZ NOT NULL,
    opened_at         TIMESTAMPTZ NOT NULL,
    updated_at        TIMESTAMPTZ NOT NULL,
    last_detected_at  TIMESTAMPTZ NOT NULL,
    closed_at         TIMESTAMPTZ,
    sequence          BIGINT      NOT NULL,
    version           BIGINT      NOT NULL
);
-- at most one active episode per key; a resolved or dismissed episode lets a new one open
CREATE UNIQUE INDEX alert_active_episode ON alert (episode_key) WHERE status IN ('OPEN', 'ACKNOWLEDGED');
-- the list queries: newest first, filtered by status, county and severity
CREATE INDEX alert_by_status ON alert (status, updated_at DESC);
CREATE INDEX alert_by_county ON alert (county, updated_at DESC);
CREATE INDEX alert_by_severity ON alert (severity_rank, updated_at DESC);
CREATE INDEX alert_by_updated ON alert (updated_at DESC);
CREATE INDEX alert_quiet_active ON alert (last_detected_at) WHERE status IN ('OPEN', 'ACKNOWLEDGED');

-- The detections behind each alert, kept whole (evidence, metrics, summary).
CREATE TABLE alert_detection (
    detection_id  TEXT PRIMARY KEY REFERENCES processed_detection (detection_id),
    alert_id      TEXT        NOT NULL REFERENCES alert (alert_id),
    rule          TEXT        NOT NULL,
    severity      TEXT        NOT NULL,
    detected_at   TIMESTAMPTZ NOT NULL,
    detection     JSONB       NOT NULL
);
CREATE INDEX alert_detection_by_alert ON alert_detection (alert_id, detected_at);

-- Every change of every alert, in commit order: the audit trail, the outbox for rusvarsel.alerts.v1
-- and the source of the SSE stream (position is the SSE event id).
CREATE TABLE alert_event (
    position      BIGSERIAL PRIMARY KEY,
    event_id      TEXT        NOT NULL UNIQUE,
    alert_id      TEXT        NOT NULL REFERENCES alert (alert_id),
    sequence      BIGINT      NOT NULL,
    type          TEXT        NOT NULL,
    from_status   TEXT,
    to_status     TEXT        NOT NULL,
    from_severity TEXT,
    to_severity   TEXT        NOT NULL,
    actor         TEXT        NOT NULL,
    note          TEXT,
    notified      BOOLEAN     NOT NULL,
    occurred_at   TIMESTAMPTZ NOT NULL,
    event         JSONB       NOT NULL,
    published_at  TIMESTAMPTZ,
    UNIQUE (alert_id, sequence)
);
CREATE INDEX alert_event_unpublished ON alert_event (position) WHERE published_at IS NULL;
