package io.bizmaster.store.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

/** The SQL engines a store can live in. Only what differs between them is here. */
public enum Dialect {
    H2, POSTGRESQL, MARIADB;

    public static Dialect of(Connection connection) throws SQLException {
        String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
        if (product.contains("h2")) {
            return H2;
        }
        if (product.contains("postgres")) {
            return POSTGRESQL;
        }
        if (product.contains("mariadb") || product.contains("mysql")) {
            return MARIADB;
        }
        throw new SQLException("unsupported database '" + product + "': BizMaster stores run on H2, PostgreSQL or MariaDB/MySQL");
    }
}
