-- The command log: one row per command ever received, accepted or not. seq is dense (assigned under
-- the lock on log_head), so a store can tell a gap from a hole: every number up to the head exists.
CREATE TABLE command_log (
    seq          BIGINT         NOT NULL PRIMARY KEY,
    command_id   VARCHAR(200),
    -- Only accepted commands claim their id: a rejected command may be corrected and re-sent with it.
    accepted_id  VARCHAR(200)   UNIQUE,
    message_id   VARCHAR(200),
    type         VARCHAR(200),
    entity_key   VARCHAR(200),
    source       VARCHAR(100),
    issued_at    TIMESTAMP WITH TIME ZONE,
    received_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    status       VARCHAR(16)    NOT NULL,
    reason       VARCHAR(4000),
    body         VARCHAR(70000)
);
CREATE INDEX command_log_command_id ON command_log (command_id);
CREATE INDEX command_log_message_id ON command_log (message_id);
CREATE INDEX command_log_status ON command_log (status, seq);

CREATE TABLE log_head (
    id   INT    NOT NULL PRIMARY KEY,
    seq  BIGINT NOT NULL
);
INSERT INTO log_head (id, seq) VALUES (1, 0);

-- Operator decisions about stores that must survive a restart (a paused store stays paused).
CREATE TABLE store_control (
    store       VARCHAR(100) NOT NULL PRIMARY KEY,
    paused      BOOLEAN      NOT NULL,
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Why a store could not apply a command. The store retries it in order; this is what status shows.
CREATE TABLE store_failure (
    store       VARCHAR(100)  NOT NULL,
    seq         BIGINT        NOT NULL,
    command_id  VARCHAR(200),
    reason      VARCHAR(4000) NOT NULL,
    attempts    INT           NOT NULL,
    first_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    last_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (store, seq)
);
