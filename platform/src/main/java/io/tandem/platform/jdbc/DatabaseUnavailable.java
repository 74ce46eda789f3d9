package io.tandem.platform.jdbc;

import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;

/**
 * Recognises a failure that says the database is not answering (down, frozen, restarting, out of connections) as
 * opposed to one that says a statement was wrong: the first is worth waiting out, the second is not.
 */
public final class DatabaseUnavailable {

    /** SQL states of a database that is not there: connection exceptions, shutdowns, too many connections. */
    private static final Set<String> OUTAGE_STATES = Set.of("57P01", "57P02", "57P03", "53300");

    private DatabaseUnavailable() {
    }

    /** Whether {@code failure} or any of its causes says the database did not answer. */
    public static boolean isCauseOf(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (isOutage(cause)) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    private static boolean isOutage(Throwable cause) {
        if (cause instanceof CannotGetJdbcConnectionException || cause instanceof CannotCreateTransactionException
            || cause instanceof TransientDataAccessResourceException || cause instanceof QueryTimeoutException
            || cause instanceof RecoverableDataAccessException || cause instanceof SQLTransientConnectionException
            || cause instanceof SQLRecoverableException) {
            return true;
        }
        if (cause instanceof SQLException sql && sql.getSQLState() != null) {
            // class 08: connection exceptions, among them "An I/O error occurred" when a socket timed out
            return sql.getSQLState().startsWith("08") || OUTAGE_STATES.contains(sql.getSQLState());
        }
        return false;
    }
}
