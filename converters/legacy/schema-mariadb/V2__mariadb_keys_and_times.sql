-- MariaDB only (the engine's own folder, beside schema/): what V1 cannot say in SQL all three engines accept.
-- TIMESTAMP holds 1970-01-01 to 2038-01-19 only, and issuedAt may be any time from year 1000 to 9999: DATETIME(3).
-- The default collation (utf8mb4_general_ci) makes 'O-1' and 'o-1' one key: the key columns compare exactly.
ALTER TABLE ORDERS MODIFY PLACED_AT DATETIME(3) NULL DEFAULT NULL;
ALTER TABLE ORDERS MODIFY ID VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL;
ALTER TABLE CUSTOMER MODIFY ID VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL;
