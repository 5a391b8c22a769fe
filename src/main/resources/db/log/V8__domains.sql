-- Command domains (docs/READ-MODELS.md): one log, one dense seq for every store, and each named domain's own dense
-- numbering beside it. domain is NULL for the default domain (every entry logged before domains existed is one of
-- its commands), and so is domain_seq: the default domain's numbering is seq itself.
ALTER TABLE command_log ADD COLUMN domain VARCHAR(64);
ALTER TABLE command_log ADD COLUMN domain_seq BIGINT;
CREATE INDEX command_log_domain ON command_log (domain, domain_seq);

-- The head of each named domain, advanced under the lock on log_head, so a domain's numbers are dense too.
CREATE TABLE domain_head (
    domain  VARCHAR(64) NOT NULL PRIMARY KEY,
    seq     BIGINT      NOT NULL
);
