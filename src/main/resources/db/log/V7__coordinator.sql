-- One coordinator among the BizMaster instances sharing this business store: the instance that advances migrations,
-- runs replays and re-verifies. It holds this lease, renewed with one conditional UPDATE against the database's clock
-- (expires_at_ms: milliseconds since 1970 by the database's clock, never a JVM's); epoch grows by one at every
-- acquisition, and every state write of the coordinator checks it in its own transaction, so a former holder that
-- was paused past its lease cannot write after another took over. Milliseconds in a BIGINT, not a timestamp: the
-- same column type and arithmetic on H2, PostgreSQL and MariaDB.
CREATE TABLE coordinator_lease (
    name            VARCHAR(100)  NOT NULL PRIMARY KEY,
    holder          VARCHAR(200),
    epoch           BIGINT        NOT NULL,
    expires_at_ms   BIGINT        NOT NULL,
    acquired_at_ms  BIGINT        NOT NULL
);
INSERT INTO coordinator_lease (name, holder, epoch, expires_at_ms, acquired_at_ms) VALUES ('coordinator', NULL, 0, 0, 0);

-- A verb asked on an instance that is not the coordinator (migrate cutover/rollback/complete/cancel, replay): the
-- intent, which the coordinator carries out and answers here; the asking instance waits for the answer.
CREATE TABLE coordinator_request (
    id              VARCHAR(64)   NOT NULL PRIMARY KEY,
    verb            VARCHAR(64)   NOT NULL,
    target          VARCHAR(200)  NOT NULL,
    argument        VARCHAR(4000),
    requested_by    VARCHAR(200)  NOT NULL,
    requested_at_ms BIGINT        NOT NULL,
    state           VARCHAR(16)   NOT NULL,
    -- PENDING, DONE or FAILED; on FAILED, how the verb failed: INVALID (400), CONFLICT (409), UNKNOWN (404), ERROR.
    failure         VARCHAR(16),
    answer          VARCHAR(4000),
    answered_by     VARCHAR(200),
    epoch           BIGINT
);
CREATE INDEX coordinator_request_state ON coordinator_request (state, requested_at_ms);
