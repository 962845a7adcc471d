package io.tlsuite.ca.store;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/** Signed CRLs; every replica serves the newest one. */
@ApplicationScoped
public class CrlRepository {

    /** A signed CRL as stored. */
    public record StoredCrl(long number, Instant thisUpdate, Instant nextUpdate, byte[] der) {}

    private final CaDatabase database;

    CrlRepository(CaDatabase database) {
        this.database = database;
    }

    public Optional<StoredCrl> latest(String issuerSerial) {
        String sql =
                "SELECT crl_number, this_update, next_update, der_base64 FROM crl"
                        + " WHERE issuer_serial = ? ORDER BY crl_number DESC LIMIT 1";
        try (Connection connection = database.connection();
                PreparedStatement s = connection.prepareStatement(sql)) {
            s.setString(1, issuerSerial);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(
                        new StoredCrl(
                                rs.getLong("crl_number"),
                                Jdbc.getInstant(rs, "this_update"),
                                Jdbc.getInstant(rs, "next_update"),
                                Base64.getDecoder().decode(rs.getString("der_base64"))));
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read the CRL", e);
        }
    }

    /** The next cRLNumber (RFC 5280 §5.2.3: monotonically increasing). */
    public long nextNumber(String issuerSerial) {
        String sql = "SELECT MAX(crl_number) FROM crl WHERE issuer_serial = ?";
        try (Connection connection = database.connection();
                PreparedStatement s = connection.prepareStatement(sql)) {
            s.setString(1, issuerSerial);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1) + 1;
            }
        } catch (SQLException e) {
            throw new StoreException("cannot number the CRL", e);
        }
    }

    /**
     * @throws StoreException with {@link StoreException#isDuplicateKey()} when another replica took
     *     the number
     */
    public void insert(String issuerSerial, StoredCrl crl) {
        String sql =
                "INSERT INTO crl (issuer_serial, crl_number, this_update, next_update, der_base64)"
                        + " VALUES (?,?,?,?,?)";
        try (Connection connection = database.connection();
                PreparedStatement s = connection.prepareStatement(sql)) {
            s.setString(1, issuerSerial);
            s.setLong(2, crl.number());
            Jdbc.setInstant(s, 3, crl.thisUpdate());
            Jdbc.setInstant(s, 4, crl.nextUpdate());
            s.setString(5, Base64.getEncoder().encodeToString(crl.der()));
            s.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("cannot store the CRL", e);
        }
    }
}
