package io.tlsuite.sessionstore.store;

import io.tlsuite.sessionstore.domain.Session;
import io.tlsuite.sessionstore.domain.SessionBackend;
import io.tlsuite.sessionstore.domain.SessionState;
import io.tlsuite.sessionstore.domain.Ticket;
import io.tlsuite.sessionstore.domain.TicketState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sessions in this JVM's heap: the default for a local run. Sorted by id for stable pagination;
 * expiry and tombstones are kept in time-ordered indexes so the sweep reads only what is due. Each
 * session's transitions are serialised on its own entry, so racing closes, expiries and revocations
 * end it once. Sealed key arrays are zeroised when a session or ticket ends.
 */
public final class InMemorySessionBackend implements SessionBackend {

    /** Strings shared by many sessions (versions, suites, server names, serials) are kept once. */
    private static final int INTERN_LIMIT = 10_000;

    private final ConcurrentSkipListMap<String, Entry> sessions = new ConcurrentSkipListMap<>();
    private final ConcurrentSkipListSet<Due> expiry = new ConcurrentSkipListSet<>();
    private final ConcurrentSkipListSet<Due> tombstones = new ConcurrentSkipListSet<>();
    private final ConcurrentHashMap<String, TicketEntry> tickets = new ConcurrentHashMap<>();
    private final ConcurrentSkipListSet<Due> ticketExpiry = new ConcurrentSkipListSet<>();
    private final ConcurrentSkipListSet<Due> ticketTombstones = new ConcurrentSkipListSet<>();
    private final Set<String> revoked = ConcurrentHashMap.newKeySet();
    private final Map<String, String> interned = new ConcurrentHashMap<>();
    private final AtomicLong live = new AtomicLong();
    private final AtomicLong liveTickets = new AtomicLong();

    @Override
    public boolean insert(Session session, byte[] sealedKeys) {
        Entry entry = new Entry(compact(session), sealedKeys.clone());
        synchronized (entry) {
            if (sessions.putIfAbsent(session.id(), entry) != null) {
                return false;
            }
            expiry.add(new Due(session.expiresAt().toEpochMilli(), session.id()));
            live.incrementAndGet();
            return true;
        }
    }

    @Override
    public Optional<Session> find(String id) {
        Entry e = sessions.get(id);
        return e == null ? Optional.empty() : Optional.of(e.session);
    }

    @Override
    public Optional<byte[]> sealedKeys(String id) {
        Entry e = sessions.get(id);
        if (e == null) {
            return Optional.empty();
        }
        synchronized (e) {
            return e.session.isActive() ? Optional.of(e.sealed.clone()) : Optional.empty();
        }
    }

    @Override
    public List<Session> list(SessionFilter filter, String after, int limit) {
        Map<String, Entry> from = after == null ? sessions : sessions.tailMap(after, false);
        List<Session> out = new ArrayList<>(Math.min(limit, 256));
        for (Entry e : from.values()) {
            Session s = e.session;
            if (filter.matches(s)) {
                out.add(s);
                if (out.size() >= limit) {
                    break;
                }
            }
        }
        return out;
    }

    @Override
    public EndResult end(
            String id, SessionState state, String reason, Instant at, Instant purgeAt) {
        Entry e = sessions.get(id);
        if (e == null) {
            return new EndResult(EndOutcome.NOT_FOUND, null, 0);
        }
        synchronized (e) {
            Session s = e.session;
            if (!s.isActive()) {
                return new EndResult(EndOutcome.ALREADY_ENDED, s, 0);
            }
            Arrays.fill(e.sealed, (byte) 0);
            e.sealed = null;
            e.session = s.ended(state, at, reason);
            expiry.remove(new Due(s.expiresAt().toEpochMilli(), id));
            tombstones.add(new Due(purgeAt.toEpochMilli(), id));
            live.decrementAndGet();
            int withdrawn = 0;
            if (e.ticketIds != null) {
                for (String tid : e.ticketIds) {
                    TicketEntry t = tickets.get(tid);
                    if (t != null && t.end(TicketState.WITHDRAWN, at, purgeAt, this)) {
                        withdrawn++;
                    }
                }
            }
            return new EndResult(EndOutcome.ENDED, e.session, withdrawn);
        }
    }

    @Override
    public List<String> activeIdsUsingCertificate(String serial) {
        List<String> ids = new ArrayList<>();
        for (Entry e : sessions.values()) {
            Session s = e.session;
            if (s.isActive() && s.usesCertificate(serial)) {
                ids.add(s.id());
            }
        }
        return ids;
    }

    @Override
    public List<String> expiredActive(Instant now, int limit) {
        return due(expiry, now, limit);
    }

    @Override
    public int purgeEnded(Instant now, int limit) {
        int purged = 0;
        long nowMs = now.toEpochMilli();
        for (Iterator<Due> it = tombstones.iterator(); it.hasNext() && purged < limit; ) {
            Due d = it.next();
            if (d.at > nowMs) {
                break;
            }
            it.remove();
            sessions.remove(d.id);
            purged++;
        }
        for (Iterator<Due> it = ticketTombstones.iterator(); it.hasNext() && purged < limit; ) {
            Due d = it.next();
            if (d.at > nowMs) {
                break;
            }
            it.remove();
            tickets.remove(d.id);
            purged++;
        }
        return purged;
    }

    @Override
    public void markRevoked(String serial) {
        revoked.add(serial.toLowerCase(java.util.Locale.ROOT));
    }

    @Override
    public boolean isRevoked(String serial) {
        return serial != null && revoked.contains(serial.toLowerCase(java.util.Locale.ROOT));
    }

    @Override
    public boolean replaceSealedKeys(String id, byte[] expected, byte[] replacement) {
        Entry e = sessions.get(id);
        if (e == null) {
            return false;
        }
        synchronized (e) {
            if (!e.session.isActive() || !Arrays.equals(e.sealed, expected)) {
                return false;
            }
            Arrays.fill(e.sealed, (byte) 0);
            e.sealed = replacement.clone();
            return true;
        }
    }

    @Override
    public TicketInsert insertTicket(Ticket ticket, byte[] sealedSecret) {
        Entry e = sessions.get(ticket.sessionId());
        if (e == null) {
            return TicketInsert.SESSION_NOT_FOUND;
        }
        synchronized (e) {
            if (!e.session.isActive()) {
                return TicketInsert.SESSION_NOT_ACTIVE;
            }
            TicketEntry t = new TicketEntry(ticket, sealedSecret.clone());
            if (tickets.putIfAbsent(ticket.id(), t) != null) {
                return TicketInsert.EXISTS;
            }
            if (e.ticketIds == null) {
                e.ticketIds = new ArrayList<>(2);
            }
            e.ticketIds.add(ticket.id());
            ticketExpiry.add(new Due(ticket.expiresAt().toEpochMilli(), ticket.id()));
            liveTickets.incrementAndGet();
            return TicketInsert.STORED;
        }
    }

    @Override
    public List<String> validTicketIds() {
        return ticketExpiry.stream().map(Due::id).toList();
    }

    @Override
    public Optional<byte[]> sealedTicketSecret(String ticketId) {
        TicketEntry t = tickets.get(ticketId);
        if (t == null) {
            return Optional.empty();
        }
        synchronized (t) {
            return t.ticket.state() == TicketState.VALID
                    ? Optional.of(t.sealed.clone())
                    : Optional.empty();
        }
    }

    @Override
    public boolean replaceTicketSecret(String ticketId, byte[] expected, byte[] replacement) {
        TicketEntry t = tickets.get(ticketId);
        if (t == null) {
            return false;
        }
        synchronized (t) {
            if (t.ticket.state() != TicketState.VALID || !Arrays.equals(t.sealed, expected)) {
                return false;
            }
            Arrays.fill(t.sealed, (byte) 0);
            t.sealed = replacement.clone();
            return true;
        }
    }

    @Override
    public Optional<Ticket> findTicket(String id) {
        TicketEntry t = tickets.get(id);
        return t == null ? Optional.empty() : Optional.of(t.ticket);
    }

    @Override
    public Redemption redeem(String ticketId, Instant now, Instant purgeAt) {
        TicketEntry t = tickets.get(ticketId);
        if (t == null) {
            return new Redemption(RedeemOutcome.NOT_FOUND, null, null);
        }
        synchronized (t) {
            Ticket ticket = t.ticket;
            switch (ticket.state()) {
                case USED:
                    return new Redemption(RedeemOutcome.USED, ticket, null);
                case EXPIRED:
                    return new Redemption(RedeemOutcome.EXPIRED, ticket, null);
                case WITHDRAWN:
                    return new Redemption(RedeemOutcome.WITHDRAWN, ticket, null);
                default:
                    break;
            }
            if (!ticket.expiresAt().isAfter(now)) {
                t.end(TicketState.EXPIRED, now, purgeAt, this);
                return new Redemption(RedeemOutcome.EXPIRED_NOW, t.ticket, null);
            }
            byte[] secret = t.sealed.clone();
            int uses = ticket.uses() + 1;
            t.ticket =
                    new Ticket(
                            ticket.id(),
                            ticket.sessionId(),
                            ticket.kind(),
                            ticket.issuedAt(),
                            ticket.expiresAt(),
                            ticket.maxUses(),
                            uses,
                            ticket.state(),
                            null);
            if (uses >= ticket.maxUses()) {
                t.end(TicketState.USED, now, purgeAt, this);
            }
            return new Redemption(RedeemOutcome.REDEEMED, t.ticket, secret);
        }
    }

    @Override
    public List<String> expiredTickets(Instant now, int limit) {
        return due(ticketExpiry, now, limit);
    }

    @Override
    public boolean expireTicket(String ticketId, Instant at, Instant purgeAt) {
        TicketEntry t = tickets.get(ticketId);
        if (t == null) {
            return false;
        }
        synchronized (t) {
            return t.end(TicketState.EXPIRED, at, purgeAt, this);
        }
    }

    @Override
    public long liveSessions() {
        return live.get();
    }

    @Override
    public long liveTickets() {
        return liveTickets.get();
    }

    @Override
    public void ping() {}

    private static List<String> due(ConcurrentSkipListSet<Due> index, Instant now, int limit) {
        long nowMs = now.toEpochMilli();
        List<String> ids = new ArrayList<>();
        for (Due d : index) {
            if (d.at > nowMs || ids.size() >= limit) {
                break;
            }
            ids.add(d.id);
        }
        return ids;
    }

    private Session compact(Session s) {
        return new Session(
                s.id(),
                s.handshakeId(),
                s.client(),
                intern(s.server()),
                intern(s.protocolVersion()),
                intern(s.cipherSuite()),
                intern(s.serverCertificateSerial()),
                intern(s.clientCertificateSerial()),
                s.createdAt(),
                s.expiresAt(),
                s.resumedFrom(),
                intern(s.resumptionMethod()),
                s.keyCount(),
                s.keyBytes(),
                s.state(),
                s.endedAt(),
                s.endReason());
    }

    private String intern(String value) {
        if (value == null) {
            return null;
        }
        String known = interned.get(value);
        if (known != null) {
            return known;
        }
        if (interned.size() < INTERN_LIMIT) {
            known = interned.putIfAbsent(value, value);
            return known == null ? value : known;
        }
        return value;
    }

    /** One session: its metadata (replaced when it ends) and, while active, its sealed keys. */
    private static final class Entry {
        volatile Session session;
        byte[] sealed;
        List<String> ticketIds;

        Entry(Session session, byte[] sealed) {
            this.session = session;
            this.sealed = sealed;
        }
    }

    private static final class TicketEntry {
        volatile Ticket ticket;
        byte[] sealed;

        TicketEntry(Ticket ticket, byte[] sealed) {
            this.ticket = ticket;
            this.sealed = sealed;
        }

        /** Moves a valid ticket to a final state; caller holds this entry's monitor. */
        boolean end(TicketState state, Instant at, Instant purgeAt, InMemorySessionBackend b) {
            synchronized (this) {
                Ticket t = ticket;
                if (t.state() != TicketState.VALID) {
                    return false;
                }
                Arrays.fill(sealed, (byte) 0);
                sealed = null;
                ticket =
                        new Ticket(
                                t.id(),
                                t.sessionId(),
                                t.kind(),
                                t.issuedAt(),
                                t.expiresAt(),
                                t.maxUses(),
                                t.uses(),
                                state,
                                at);
                b.ticketExpiry.remove(new Due(t.expiresAt().toEpochMilli(), t.id()));
                b.ticketTombstones.add(new Due(purgeAt.toEpochMilli(), t.id()));
                b.liveTickets.decrementAndGet();
                return true;
            }
        }
    }

    /** An id due at a time; ordered by time, then id. */
    private record Due(long at, String id) implements Comparable<Due> {
        @Override
        public int compareTo(Due o) {
            int c = Long.compare(at, o.at);
            return c != 0 ? c : id.compareTo(o.id);
        }
    }
}
