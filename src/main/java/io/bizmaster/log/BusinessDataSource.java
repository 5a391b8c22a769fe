package io.bizmaster.log;

import com.zaxxer.hikari.HikariDataSource;
import java.io.Closeable;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The business store (command log, store control, failures, migrations) as the one DataSource every
 * component uses, switchable at run time by a log move. A switch only changes which pool new
 * connections come from: a connection already checked out finishes its work on the database it came from.
 * The pool replaced is kept open as {@link #previous()}, so a rollback can switch back to it.
 */
public final class BusinessDataSource implements DataSource, Closeable {

    private volatile HikariDataSource current;
    private volatile HikariDataSource previous;

    /**
     * @param current  the business store to use
     * @param previous the one it replaced (the business store a redirect was followed from), or null
     */
    public BusinessDataSource(HikariDataSource current, HikariDataSource previous) {
        this.current = current;
        this.previous = previous;
    }

    public HikariDataSource current() {
        return current;
    }

    /** The business store before the last switch, still open, or null. */
    public HikariDataSource previous() {
        return previous;
    }

    /** From now on connections come from {@code next}; the one it replaces becomes {@link #previous()}. */
    public synchronized void switchTo(HikariDataSource next) {
        if (next == current) {
            return;
        }
        HikariDataSource replaced = current;
        current = next;
        if (previous != null && previous != next) {
            previous.close();
        }
        previous = replaced;
    }

    /** The previous business store is no longer needed (a log move completed): its pool closes. */
    public synchronized void retirePrevious() {
        if (previous != null) {
            previous.close();
            previous = null;
        }
    }

    @Override
    public Connection getConnection() throws SQLException {
        return current.getConnection();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return current.getConnection(username, password);
    }

    @Override
    public synchronized void close() {
        current.close();
        retirePrevious();
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return current.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        current.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        current.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return current.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return current.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        return type.isInstance(this) ? type.cast(this) : current.unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return type.isInstance(this) || current.isWrapperFor(type);
    }
}
