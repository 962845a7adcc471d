package io.tlsuite.ca.store;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The certificates table. Callers hold the transaction. */
@ApplicationScoped
public class CertificateRepository {

    private static final String COLUMNS =
            "serial, subject, issuer, profile, key_algorithm, subject_alt_names, not_before,"
                    + " not_after, status, revocation_reason, revoked_at, issued_at, pem";

    private final CaDatabase database;

    CertificateRepository(CaDatabase database) {
        this.database = database;
    }

    /**
     * Stores a new certificate.
     *
     * @throws StoreException with {@link StoreException#isDuplicateKey()} when the serial exists
     */
    public void insert(CertificateRecord c) {
        String sql = "INSERT INTO certificate (" + COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)";
        try (Connection connection = database.connection();
                PreparedStatement s = connection.prepareStatement(sql)) {
            s.setString(1, c.serial());
            s.setString(2, c.subject());
            s.setString(3, c.issuer());
            s.setString(4, c.profile());
            s.setString(5, c.keyAlgorithm());
            s.setString(6, String.join(",", c.subjectAltNames()));
            Jdbc.setInstant(s, 7, c.notBefore());
            Jdbc.setInstant(s, 8, c.notAfter());
            s.setString(9, c.status());
            s.setString(10, c.revocationReason());
            Jdbc.setInstant(s, 11, c.revokedAt());
            Jdbc.setInstant(s, 12, c.issuedAt());
            s.setString(13, c.pem());
            s.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("cannot store certificate " + c.serial(), e);
        }
    }

    public Optional<CertificateRecord> find(String serial) {
        String sql = "SELECT " + COLUMNS + " FROM certificate WHERE serial = ?";
        try (Connection connection = database.connection();
                PreparedStatement s = connection.prepareStatement(sql)) {
            s.setString(1, serial);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read certificate " + serial, e);
        }
    }

    /** Locks the row for the rest of the transaction, so concurrent revocations serialise. */
    public Optional<CertificateRecord> findForUpdate(String serial) {
        String sql = "SELECT " + COLUMNS + " FROM certificate WHERE serial = ? FOR UPDATE";
        try (Connection connection = database.connection();
                PreparedStatement s = connection.prepareStatement(sql)) {
            s.setString(1, serial);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read certificate " + serial, e);
        }
    }

    public void markRevoked(String serial, String reason, Instant at) {
        String sql =
                "UPDATE certificate SET status = 'revoked', revocation_reason = ?, revoked_at = ?"
                        + " WHERE serial = ?";
        try (Connection connection = database.connection();
                PreparedStatement s = connection.prepareStatement(sql)) {
            s.setString(1, reason);
            Jdbc.setInstant(s, 2, at);
            s.setString(3, serial);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("cannot revoke certificate " + serial, e);
        }
    }

    /** Valid certificates whose notAfter has passed, locked for the expiry sweep. */
    public List<CertificateRecord> findExpired(Instant now, int limit) {
        String sql =
                "SELECT "
                        + COLUMNS
                        + " FROM certificate WHERE status = 'valid' AND not_after < ?"
                        + " ORDER BY not_after LIMIT ? FOR UPDATE";
        try (Connection connection = database.connection();
                PreparedStatement s = connection.prepareStatement(sql)) {
            Jdbc.setInstant(s, 1, now);
            s.setInt(2, limit);
            return readAll(s);
        } catch (SQLException e) {
            throw new StoreException("cannot find expired certificates", e);
        }
    }

    public void markExpired(String serial) {
        String sql =
                "UPDATE certificate SET status = 'expired' WHERE serial = ? AND status = 'valid'";
        try (Connection connection = database.connection();
                PreparedStatement s = connection.prepareStatement(sql)) {
            s.setString(1, serial);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("cannot expire certificate " + serial, e);
        }
    }

    /** Every revoked certificate issued by {@code issuer} (an RFC 2253 DN), for the CRL. */
    public List<CertificateRecord> findRevoked(String issuer) {
        String sql =
                "SELECT "
                        + COLUMNS
                        + " FROM certificate WHERE status = 'revoked' AND issuer = ?"
                        + " ORDER BY revoked_at";
        try (Connection connection = database.connection();
                PreparedStatement s = connection.prepareStatement(sql)) {
            s.setString(1, issuer);
            return readAll(s);
        } catch (SQLException e) {
            throw new StoreException("cannot list revoked certificates", e);
        }
    }

    /** One page of certificates, newest first. */
    public List<CertificateRecord> list(CertificateQuery query) {
        List<Object> parameters = new ArrayList<>();
        String sql =
                "SELECT "
                        + COLUMNS
                        + " FROM certificate"
                        + where(query, parameters)
                        + " ORDER BY issued_at DESC, serial LIMIT ? OFFSET ?";
        parameters.add(query.size());
        // long arithmetic: page 4294968 of 500 is past int, and simply past the end.
        parameters.add((long) query.page() * query.size());
        try (Connection connection = database.connection();
                PreparedStatement s = connection.prepareStatement(sql)) {
            bind(s, parameters);
            return readAll(s);
        } catch (SQLException e) {
            throw new StoreException("cannot list certificates", e);
        }
    }

    public long count(CertificateQuery query) {
        List<Object> parameters = new ArrayList<>();
        String sql = "SELECT COUNT(*) FROM certificate" + where(query, parameters);
        try (Connection connection = database.connection();
                PreparedStatement s = connection.prepareStatement(sql)) {
            bind(s, parameters);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new StoreException("cannot count certificates", e);
        }
    }

    private static String where(CertificateQuery query, List<Object> parameters) {
        List<String> conditions = new ArrayList<>();
        if (query.status() != null) {
            conditions.add("status = ?");
            parameters.add(query.status());
        }
        if (query.profile() != null) {
            conditions.add("profile = ?");
            parameters.add(query.profile());
        }
        if (query.subjectContains() != null) {
            conditions.add("LOWER(subject) LIKE ? ESCAPE '!'");
            String escaped =
                    query.subjectContains()
                            .toLowerCase(Locale.ROOT)
                            .replace("!", "!!")
                            .replace("%", "!%")
                            .replace("_", "!_");
            parameters.add("%" + escaped + "%");
        }
        if (query.expiringBefore() != null) {
            conditions.add("not_after < ?");
            parameters.add(query.expiringBefore());
        }
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    private static void bind(PreparedStatement s, List<Object> parameters) throws SQLException {
        for (int i = 0; i < parameters.size(); i++) {
            Object p = parameters.get(i);
            if (p instanceof Instant instant) {
                Jdbc.setInstant(s, i + 1, instant);
            } else {
                s.setObject(i + 1, p);
            }
        }
    }

    private static List<CertificateRecord> readAll(PreparedStatement s) throws SQLException {
        List<CertificateRecord> result = new ArrayList<>();
        try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                result.add(read(rs));
            }
        }
        return result;
    }

    private static CertificateRecord read(ResultSet rs) throws SQLException {
        String sans = rs.getString("subject_alt_names");
        return new CertificateRecord(
                rs.getString("serial"),
                rs.getString("subject"),
                rs.getString("issuer"),
                rs.getString("profile"),
                rs.getString("key_algorithm"),
                sans == null || sans.isEmpty() ? List.of() : Arrays.asList(sans.split(",")),
                Jdbc.getInstant(rs, "not_before"),
                Jdbc.getInstant(rs, "not_after"),
                rs.getString("status"),
                rs.getString("revocation_reason"),
                Jdbc.getInstant(rs, "revoked_at"),
                Jdbc.getInstant(rs, "issued_at"),
                rs.getString("pem"));
    }
}
