-- A migration's timeline: each phase it entered, and the freeze window of each cut-over and rollback, in order, so
-- the dashboard and `migrate status` can show what happened when (the migration row keeps only the latest).
CREATE TABLE migration_event (
    migration         VARCHAR(100)  NOT NULL,
    ordinal           INT           NOT NULL,
    happened_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    phase             VARCHAR(16)   NOT NULL,
    freeze_window_ms  BIGINT,
    message           VARCHAR(4000),
    PRIMARY KEY (migration, ordinal)
);
