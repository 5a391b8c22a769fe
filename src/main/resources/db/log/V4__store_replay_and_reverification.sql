-- Replays (replay --store NAME --from SEQ): one row per store, its latest replay, so a replay resumes after a
-- restart, and the emptying of a replay from 0 never runs again once the rebuild has started (phase REPLAYING).
CREATE TABLE store_replay (
    store            VARCHAR(100)  NOT NULL PRIMARY KEY,
    from_seq         BIGINT        NOT NULL,
    reset_checkpoint BOOLEAN       NOT NULL,
    -- The log head when the replay started: it replays from_seq+1..up_to, then the store's route goes on.
    up_to            BIGINT        NOT NULL,
    phase            VARCHAR(16)   NOT NULL,
    reached_seq      BIGINT        NOT NULL,
    -- Whether the replay paused the store and so resumes it at the end (a store paused by an operator stays paused).
    resume_after     BOOLEAN       NOT NULL,
    message          VARCHAR(4000),
    started_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at       TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Where a replay backfill started: 0 (emptied first, or a new store) or the target's savepoint (its checkpoint as found).
ALTER TABLE migration ADD COLUMN backfill_from BIGINT;

-- While a migration is SHADOWING or READY, the keys changed since its verified seq are re-verified now and
-- then, so the verified seq advances; this is how many keys changed since it, at the last look.
ALTER TABLE migration ADD COLUMN changed_keys BIGINT;
