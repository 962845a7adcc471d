-- Events the broker refused for good (e.g. over its size limit): moved aside so the outbox goes on.
-- Same columns as outbox_event, plus when and why; an operator inspects, fixes and re-inserts them.
CREATE TABLE outbox_dead_letter (
    id           BIGINT       PRIMARY KEY,        -- the outbox_event id it had
    event_id     VARCHAR(64)  NOT NULL,
    event_type   VARCHAR(128) NOT NULL,
    aggregate_id VARCHAR(128) NOT NULL,
    payload      TEXT         NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    failed_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    reason       VARCHAR(256) NOT NULL
);
