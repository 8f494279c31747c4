-- Dead letters as operators see them: read back from tracker.barrier-events-dlt, re-drivable to the ingest topic.
CREATE TABLE dead_letter (
    id                 VARCHAR(300)             NOT NULL PRIMARY KEY,
    original_topic     VARCHAR(250),
    original_partition INT,
    original_offset    BIGINT,
    record_key         VARCHAR(500),
    record_value       BYTEA,
    ce_headers         VARCHAR(8000),
    reason             VARCHAR(4000),
    kind               VARCHAR(40),
    exception_class    VARCHAR(500),
    dead_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    redriven_at        TIMESTAMP WITH TIME ZONE,
    redriven_by        VARCHAR(200)
);
CREATE INDEX dead_letter_time_idx ON dead_letter (dead_at);
