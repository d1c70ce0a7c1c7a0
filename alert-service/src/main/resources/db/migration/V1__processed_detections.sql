-- Every detection the alert-service has processed, written in the same transaction as the alert
-- change it caused, so that a redelivered detection never makes a second alert (DESIGN §6).
CREATE TABLE processed_detection (
    detection_id TEXT PRIMARY KEY,
    processed_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
