-- The intake's freeze at the broker (biz.commands paused for every instance), recorded before the queue is paused
-- and deleted after it is resumed, so that a freeze whose owner died can be found and undone by any instance. At most
-- one row, id 1: a second freeze while one holds is refused. token tells this freeze from a later one.
CREATE TABLE intake_freeze (
    id            INT           NOT NULL PRIMARY KEY,
    token         VARCHAR(36)   NOT NULL,
    reason        VARCHAR(400)  NOT NULL,
    held_by       VARCHAR(200)  NOT NULL,
    migration_id  VARCHAR(100),
    since         TIMESTAMP WITH TIME ZONE NOT NULL,
    budget_ms     BIGINT        NOT NULL
);
