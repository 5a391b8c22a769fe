-- PostgreSQL of docker-compose.yml, on its first start: BizMaster's command log (the business store) and the legacy
-- store, each in its own schema (the JDBC URLs name them with currentSchema); BizMaster creates the tables (Flyway, the
-- converter's schema).
CREATE SCHEMA IF NOT EXISTS bizmaster;
CREATE SCHEMA IF NOT EXISTS legacy;
