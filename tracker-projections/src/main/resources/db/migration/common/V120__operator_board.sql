-- operator-board projection: one card per system, kept as a JSON document. Rebuilt by replay.
CREATE TABLE board_card (
    system_id  VARCHAR(64)              NOT NULL PRIMARY KEY,
    card       VARCHAR(200000)          NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL
);
