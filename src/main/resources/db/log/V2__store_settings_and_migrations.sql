-- Operator decisions that must survive a restart besides the pause flag: the converter a store was
-- switched to (store set-converter) and the role a migration gave it (attach, cut-over, rollback,
-- complete). NULL means "as configured".
ALTER TABLE store_control ADD COLUMN converter VARCHAR(200);
ALTER TABLE store_control ADD COLUMN role VARCHAR(16);

-- Migrations: one row per migration, its phase and progress, so it resumes in any phase after a restart.
-- The role flips of a cut-over commit in the same transaction as the phase that records them.
CREATE TABLE migration (
    id                VARCHAR(100)  NOT NULL PRIMARY KEY,
    source_store      VARCHAR(100)  NOT NULL,
    target_store      VARCHAR(100)  NOT NULL,
    target_converter  VARCHAR(200),
    backfill          VARCHAR(16)   NOT NULL,
    definition        VARCHAR(20000) NOT NULL,
    phase             VARCHAR(16)   NOT NULL,
    capture_seq       BIGINT,
    backfill_position BIGINT        NOT NULL,
    copied            BIGINT        NOT NULL,
    total             BIGINT,
    verification      VARCHAR(4000),
    -- The seq at which source and target were last proven equal: the cut-over re-verifies keys changed since.
    verified_seq      BIGINT,
    freeze_window_ms  BIGINT,
    message           VARCHAR(4000),
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at        TIMESTAMP WITH TIME ZONE NOT NULL
);
