-- Every report a system recorded, by its identity (CloudEvents source + id), written in the same transaction as the
-- events it produced. (The local H2 store starts it empty: the in-memory window of each system covers the reports it
-- held before; the PostgreSQL migration fills it from the stored events.)
CREATE TABLE recorded_report (
    system_id VARCHAR(64)  NOT NULL,
    source    VARCHAR(500) NOT NULL,
    report_id VARCHAR(200) NOT NULL,
    PRIMARY KEY (system_id, report_id, source)
);
