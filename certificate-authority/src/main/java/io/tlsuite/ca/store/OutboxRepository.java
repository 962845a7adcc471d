package io.tlsuite.ca.store;

import io.tlsuite.events.EventCodec;
import io.tlsuite.events.EventEnvelope;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The transactional outbox: {@link #append} runs in the transaction of the change the event
 * describes, so an event exists exactly when its change was committed; the relay sends later.
 */
@ApplicationScoped
public class OutboxRepository {

    /** An event waiting to be sent. */
    public record PendingEvent(long id, EventEnvelope envelope) {}

    private final CaDatabase database;

    OutboxRepository(CaDatabase database) {
        this.database = database;
    }

    public void append(EventEnvelope envelope) {
        String sql =
                "INSERT INTO outbox_event (event_id, event_type, aggregate_id, payload, created_at)"
                        + " VALUES (?,?,?,?,?)";
        try (Connection connection = database.connection();
                PreparedStatement s = connection.prepareStatement(sql)) {
            s.setString(1, envelope.id());
            s.setString(2, envelope.type());
            s.setString(3, envelope.subject());
            s.setString(4, new String(EventCodec.serialize(envelope), StandardCharsets.UTF_8));
            Jdbc.setInstant(s, 5, envelope.time().toInstant());
            s.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("cannot append to the outbox", e);
        }
    }

    /** The oldest unsent events, in the order they were written. */
    public List<PendingEvent> unsent(int limit) {
        String sql =
                "SELECT id, payload FROM outbox_event WHERE sent_at IS NULL ORDER BY id LIMIT ?";
        List<PendingEvent> result = new ArrayList<>();
        try (Connection connection = database.connection();
                PreparedStatement s = connection.prepareStatement(sql)) {
            s.setInt(1, limit);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    result.add(
                            new PendingEvent(
                                    rs.getLong("id"),
                                    EventCodec.deserialize(
                                            rs.getString("payload")
                                                    .getBytes(StandardCharsets.UTF_8))));
                }
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read the outbox", e);
        }
        return result;
    }

    public void markSent(Collection<Long> ids, Instant at) {
        if (ids.isEmpty()) {
            return;
        }
        String sql = "UPDATE outbox_event SET sent_at = ? WHERE id = ?";
        try (Connection connection = database.connection();
                PreparedStatement s = connection.prepareStatement(sql)) {
            for (long id : ids) {
                Jdbc.setInstant(s, 1, at);
                s.setLong(2, id);
                s.addBatch();
            }
            s.executeBatch();
        } catch (SQLException e) {
            throw new StoreException("cannot mark outbox events sent", e);
        }
    }

    /**
     * Moves an event the broker refused for good into {@code outbox_dead_letter}, so the events
     * behind it are relayed. Run it in a transaction: the copy and the delete go together.
     */
    public void moveToDeadLetter(long id, String reason, Instant at) {
        String copy =
                "INSERT INTO outbox_dead_letter (id, event_id, event_type, aggregate_id, payload,"
                        + " created_at, failed_at, reason) SELECT id, event_id, event_type,"
                        + " aggregate_id, payload, created_at, ?, ? FROM outbox_event WHERE id = ?";
        try (Connection connection = database.connection();
                PreparedStatement insert = connection.prepareStatement(copy);
                PreparedStatement delete =
                        connection.prepareStatement("DELETE FROM outbox_event WHERE id = ?")) {
            Jdbc.setInstant(insert, 1, at);
            insert.setString(2, reason.length() > 256 ? reason.substring(0, 256) : reason);
            insert.setLong(3, id);
            insert.executeUpdate();
            delete.setLong(1, id);
            delete.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("cannot move an outbox event to the dead letters", e);
        }
    }

    public long countDeadLetters() {
        return count("SELECT COUNT(*) FROM outbox_dead_letter");
    }

    public long countUnsent() {
        return count("SELECT COUNT(*) FROM outbox_event WHERE sent_at IS NULL");
    }

    private long count(String sql) {
        try (Connection connection = database.connection();
                PreparedStatement s = connection.prepareStatement(sql);
                ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new StoreException("cannot count the outbox", e);
        }
    }
}
