package io.tlsuite.ca.store;

import java.sql.SQLException;

/** A database failure the caller cannot fix: answered as a 500 without details. */
public class StoreException extends RuntimeException {

    public StoreException(String message, SQLException cause) {
        super(message, cause);
    }

    /** Whether the failure is a unique-key violation (SQLSTATE 23505 on PostgreSQL and H2). */
    public boolean isDuplicateKey() {
        return getCause() instanceof SQLException e && "23505".equals(e.getSQLState());
    }
}
