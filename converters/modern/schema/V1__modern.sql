-- modern: customers split into first/last name, addresses in a table of their own,
-- order status as text. Must run unchanged on H2 2.3, PostgreSQL 15 and MariaDB 10.11.
-- "NULL DEFAULT NULL" on the TIMESTAMP column: with explicit_defaults_for_timestamp off, MariaDB would
-- otherwise make it NOT NULL and rewrite it to the current time on every UPDATE of the row.

CREATE TABLE customers (
    id             VARCHAR(64)  PRIMARY KEY,
    first_name     VARCHAR(100) NOT NULL,
    last_name      VARCHAR(200),
    email          VARCHAR(200),
    loyalty_points BIGINT       NOT NULL DEFAULT 0
);

CREATE TABLE addresses (
    customer_id VARCHAR(64)  PRIMARY KEY,
    street      VARCHAR(200) NOT NULL,
    zip         VARCHAR(20)  NOT NULL,
    city        VARCHAR(100) NOT NULL
);

CREATE TABLE orders (
    id            VARCHAR(64)   PRIMARY KEY,
    customer_id   VARCHAR(64)   NOT NULL,
    total         DECIMAL(12,2) NOT NULL,
    status        VARCHAR(20)   NOT NULL,
    placed_at     TIMESTAMP(3)  NULL DEFAULT NULL,
    cancel_reason VARCHAR(500)
);
