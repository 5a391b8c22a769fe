CREATE TABLE customers (id VARCHAR(64) PRIMARY KEY, name VARCHAR(100), email VARCHAR(200),
    street VARCHAR(200), city VARCHAR(100));
CREATE TABLE orders (id VARCHAR(64) PRIMARY KEY, customer_id VARCHAR(64), total DECIMAL(12, 2),
    channel VARCHAR(10), status VARCHAR(10));
-- What support asks for: a customer's orders. A view, not a table: the two domains are fed in either order, and a
-- join read when asked is right whichever came first.
CREATE VIEW customer_orders AS
    SELECT c.id AS customer_id, c.name, c.email, c.city, o.id AS order_id, o.total, o.channel, o.status
    FROM customers c JOIN orders o ON o.customer_id = c.id;
