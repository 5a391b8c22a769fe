package io.bizmaster.convert;

import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLNonTransientException;
import java.sql.SQLRecoverableException;
import java.sql.SQLSyntaxErrorException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransactionRollbackException;
import java.sql.SQLTransientConnectionException;
import java.sql.SQLTransientException;

/**
 * Adds "where" to a driver's SQLException while keeping what callers classify it by: SQLState, vendor
 * code, the cause, and the JDBC 4 category (deadlocks and lost connections must stay retryable).
 */
final class SqlErrors {

    private SqlErrors() {
    }

    static SQLException withContext(String context, SQLException e) {
        String message = context + ": " + e.getMessage();
        String state = e.getSQLState();
        int code = e.getErrorCode();
        SQLException wrapped;
        if (e instanceof SQLTransactionRollbackException) {
            wrapped = new SQLTransactionRollbackException(message, state, code, e);
        } else if (e instanceof SQLTransientConnectionException) {
            wrapped = new SQLTransientConnectionException(message, state, code, e);
        } else if (e instanceof SQLTimeoutException) {
            wrapped = new SQLTimeoutException(message, state, code, e);
        } else if (e instanceof SQLTransientException) {
            wrapped = new SQLTransientException(message, state, code, e);
        } else if (e instanceof SQLRecoverableException) {
            wrapped = new SQLRecoverableException(message, state, code, e);
        } else if (e instanceof SQLIntegrityConstraintViolationException) {
            wrapped = new SQLIntegrityConstraintViolationException(message, state, code, e);
        } else if (e instanceof SQLDataException) {
            wrapped = new SQLDataException(message, state, code, e);
        } else if (e instanceof SQLSyntaxErrorException) {
            wrapped = new SQLSyntaxErrorException(message, state, code, e);
        } else if (e instanceof SQLNonTransientConnectionException) {
            wrapped = new SQLNonTransientConnectionException(message, state, code, e);
        } else if (e instanceof SQLNonTransientException) {
            wrapped = new SQLNonTransientException(message, state, code, e);
        } else {
            wrapped = new SQLException(message, state, code, e);
        }
        return wrapped;
    }
}
