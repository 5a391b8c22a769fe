CREATE TABLE orders (id VARCHAR(64) PRIMARY KEY, customer_id VARCHAR(64), total DECIMAL(12, 2),
    channel VARCHAR(10), note VARCHAR(200), status VARCHAR(10));
