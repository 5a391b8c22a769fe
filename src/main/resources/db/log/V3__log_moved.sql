-- The redirect a log migration leaves in the business store it moved the command log away from (seed scenario 6):
-- where the log lives now and from which seq. At most one row, id 1. Never a password: password_placeholder names an
-- environment variable or property (the placeholder, dollar-brace NAME brace) resolved when the redirect is followed.
CREATE TABLE log_moved (
    id                    INT           NOT NULL PRIMARY KEY,
    url                   VARCHAR(2000) NOT NULL,
    username              VARCHAR(200),
    password_placeholder  VARCHAR(200),
    seq                   BIGINT        NOT NULL,
    migration_id          VARCHAR(100)  NOT NULL,
    moved_at              TIMESTAMP WITH TIME ZONE NOT NULL
);
