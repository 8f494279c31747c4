-- fleet projection: every registered system with its bow-tie, class and lifecycle. Rebuilt by replay.
CREATE TABLE fleet_system (
    system_id               VARCHAR(64)              NOT NULL PRIMARY KEY,
    name                    VARCHAR(200)             NOT NULL,
    kind                    VARCHAR(32)              NOT NULL,
    owner                   VARCHAR(200),
    lifecycle               VARCHAR(32)              NOT NULL,
    risk_profile            VARCHAR(500)             NOT NULL,
    risk_class              VARCHAR(16)              NOT NULL,
    correlation_window      VARCHAR(40)              NOT NULL,
    bowtie                  VARCHAR(60000)           NOT NULL,
    barrier_versions        VARCHAR(8000)            NOT NULL,
    degraded_barriers       VARCHAR(8000)            NOT NULL,
    activity_after_shutdown BOOLEAN                  NOT NULL,
    registered_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at              TIMESTAMP WITH TIME ZONE NOT NULL
);
