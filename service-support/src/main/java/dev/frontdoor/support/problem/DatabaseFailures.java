package dev.frontdoor.support.problem;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.TimeoutException;

/**
 * Tells a database that cannot be reached (down, restarting, refusing connections, the pool unable to get one in
 * time) from other failures, wherever in the cause chain the driver's exception sits. Such failures are the
 * client's to retry: 503 with {@code Retry-After}, never a 500, and never mistaken for a constraint violation.
 */
public final class DatabaseFailures {

    private DatabaseFailures() {
    }

    public static boolean unavailable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                // 08: connection exception; 57P01-03: admin shutdown, crash shutdown, cannot connect now;
                // 53300: too many connections. A pool timeout carries no state but a TimeoutException cause.
                if (state != null && (state.startsWith("08") || state.startsWith("57P") || state.equals("53300"))) {
                    return true;
                }
                if (sql.getCause() instanceof TimeoutException) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A unique or other integrity constraint said no (SQLState class 23), as opposed to any other failure. */
    public static boolean constraintViolated(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("23")) {
                return true;
            }
        }
        return false;
    }
}
