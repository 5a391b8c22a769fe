-- legacy: the v0 schema. One CUSTOMER row per customer with the address on one line,
-- ORDERS.STATUS_CODE 1 = placed, 9 = cancelled.
-- Must run unchanged on H2 2.3, PostgreSQL 15 and MariaDB 10.11.
-- "NULL DEFAULT NULL" on the TIMESTAMP column: with explicit_defaults_for_timestamp off, MariaDB would
-- otherwise make it NOT NULL and rewrite it to the current time on every UPDATE of the row.

CREATE TABLE CUSTOMER (
    ID      VARCHAR(64)  PRIMARY KEY,
    NAME    VARCHAR(200) NOT NULL,
    EMAIL   VARCHAR(200),
    ADDRESS VARCHAR(500),
    BALANCE BIGINT       NOT NULL DEFAULT 0
);

CREATE TABLE ORDERS (
    ID          VARCHAR(64)   PRIMARY KEY,
    CUSTOMER_ID VARCHAR(64)   NOT NULL,
    TOTAL       DECIMAL(12,2) NOT NULL,
    STATUS_CODE INT           NOT NULL,
    PLACED_AT   TIMESTAMP(3)  NULL DEFAULT NULL
);
