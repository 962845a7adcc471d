package io.tlsuite.handshake.domain;

import io.tlsuite.protocol.crypto.TlsCipherSuite;
import io.tlsuite.protocol.resumption.ResumptionState;
import io.tlsuite.protocol.resumption.TicketStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Self-contained resumption tickets (RFC 8446 §4.6.1 leaves the ticket's content to the server):
 * the resumption state is sealed with AES-256-GCM under a ticket key that every replica shares (a
 * file, created on first start), so a ticket issued by one replica resumes on any other without a
 * lookup. Each replica refuses a ticket it has already accepted (single use per replica; tickets
 * are not used for 0-RTT, so a replay on another replica gains nothing but a fresh handshake).
 *
 * <p>Wire format: {@code "TST1" | 12-byte nonce | AES-GCM(key, state) }, AAD {@code "TST1"}. The
 * state holds the PSK: the plaintext is zeroised after sealing and after opening.
 */
public final class SealedTicketStore implements TicketStore {
    private static final byte[] MAGIC = "TST1".getBytes(StandardCharsets.US_ASCII);
    private static final int NONCE = 12;
    private static final int MAX_REDEEMED = 100_000;

    private static final int MAX_SESSION_IDS = 10_000;

    private final SecretKeySpec key;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Instant> redeemed =
            new LinkedHashMap<>() {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Instant> e) {
                    return size() > MAX_REDEEMED;
                }
            };

    /**
     * TLS 1.2 session ids this replica issued (RFC 5246 §7.4.1.2): id (hex) to the sealed state,
     * never the plaintext; at most {@link #MAX_SESSION_IDS}, the oldest dropped first. Unlike
     * tickets they resume only on this replica.
     */
    private final Map<String, byte[]> sessionIds =
            new LinkedHashMap<>() {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, byte[]> e) {
                    return size() > MAX_SESSION_IDS;
                }
            };

    public SealedTicketStore(byte[] key, Clock clock) {
        if (key.length != 32) {
            throw new IllegalArgumentException("the ticket key must be 32 bytes");
        }
        this.key = new SecretKeySpec(key, "AES");
        this.clock = clock;
    }

    /** Reads the shared ticket key from {@code file}, creating it (owner-only) when absent. */
    public static byte[] loadOrCreateKey(Path file) {
        try {
            if (!Files.exists(file)) {
                byte[] fresh = new byte[32];
                new SecureRandom().nextBytes(fresh);
                Files.createDirectories(file.toAbsolutePath().getParent());
                try {
                    Files.write(
                            file,
                            HexFormat.of().formatHex(fresh).getBytes(StandardCharsets.US_ASCII),
                            StandardOpenOption.CREATE_NEW,
                            StandardOpenOption.WRITE);
                    try {
                        Files.setPosixFilePermissions(
                                file, PosixFilePermissions.fromString("rw-------"));
                    } catch (UnsupportedOperationException ignored) {
                        // not a POSIX file system
                    }
                } catch (FileAlreadyExistsException raced) {
                    // another replica created it first: use theirs
                } finally {
                    Arrays.fill(fresh, (byte) 0);
                }
            }
            String hex = Files.readString(file, StandardCharsets.US_ASCII).trim();
            return HexFormat.of().parseHex(hex);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the ticket key " + file, e);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(
                    "the ticket key file " + file + " is not 64 hex digits", e);
        }
    }

    /** A redeemed ticket: its state and the session it was issued in (null when unknown). */
    public record Redeemed(ResumptionState state, String originSessionId) {}

    @Override
    public byte[] issue(ResumptionState state) {
        return issue(state, null);
    }

    /** A ticket, or a TLS 1.2 session id this replica issued. */
    @Override
    public Optional<ResumptionState> redeem(byte[] ticketOrSessionId) {
        return openTicketOrId(ticketOrSessionId).map(Redeemed::state);
    }

    @Override
    public boolean supportsSessionIds() {
        return true;
    }

    @Override
    public void storeUnderId(byte[] sessionId, ResumptionState state) {
        storeUnderId(sessionId, state, null);
    }

    /**
     * TLS 1.2: keeps {@code state}, sealed as a ticket would be, under the session id the server
     * chose, so that a client resuming by session id (no ticket support, or {@code -no_ticket})
     * finds it on this replica, once.
     */
    public void storeUnderId(byte[] sessionId, ResumptionState state, String originSessionId) {
        byte[] sealed = issue(state, originSessionId);
        synchronized (sessionIds) {
            sessionIds.put(HexFormat.of().formatHex(sessionId), sealed);
        }
    }

    /** {@link #open} for a ticket, else the state stored under that TLS 1.2 session id. */
    public Optional<Redeemed> openTicketOrId(byte[] ticketOrSessionId) {
        Optional<Redeemed> ticket = open(ticketOrSessionId);
        if (ticket.isPresent() || ticketOrSessionId.length == 0 || ticketOrSessionId.length > 32) {
            return ticket;
        }
        byte[] sealed;
        synchronized (sessionIds) {
            sealed = sessionIds.remove(HexFormat.of().formatHex(ticketOrSessionId));
        }
        return sealed == null ? Optional.empty() : open(sealed);
    }

    /** Seals {@code state}, remembering the session that issued it (for "resumed from"). */
    public byte[] issue(ResumptionState state, String originSessionId) {
        byte[] plain = encode(state, originSessionId);
        try {
            byte[] nonce = new byte[NONCE];
            random.nextBytes(nonce);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
            c.updateAAD(MAGIC);
            byte[] sealed = c.doFinal(plain);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes(MAGIC);
            out.writeBytes(nonce);
            out.writeBytes(sealed);
            return out.toByteArray();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot seal a ticket", e);
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    /** Opens a ticket once; empty when it is not ours, tampered, expired or already used here. */
    public Optional<Redeemed> open(byte[] ticket) {
        if (ticket.length < MAGIC.length + NONCE + 16
                || !Arrays.equals(Arrays.copyOf(ticket, MAGIC.length), MAGIC)) {
            return Optional.empty();
        }
        byte[] plain = null;
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(
                    Cipher.DECRYPT_MODE,
                    key,
                    new GCMParameterSpec(128, ticket, MAGIC.length, NONCE));
            c.updateAAD(MAGIC);
            plain = c.doFinal(ticket, MAGIC.length + NONCE, ticket.length - MAGIC.length - NONCE);
            Redeemed r = decode(plain);
            ResumptionState state = r.state();
            Instant now = clock.instant();
            if (state.isExpired(now)) {
                return Optional.empty();
            }
            String id =
                    HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(ticket));
            synchronized (redeemed) {
                forgetExpired(now);
                if (redeemed.putIfAbsent(id, state.issuedAt().plusSeconds(state.lifetimeSeconds()))
                        != null) {
                    return Optional.empty();
                }
            }
            return Optional.of(r);
        } catch (GeneralSecurityException | IOException | RuntimeException e) {
            // Not ours, tampered, or from an older key: a full handshake follows (RFC 8446
            // §4.2.11).
            return Optional.empty();
        } finally {
            if (plain != null) {
                Arrays.fill(plain, (byte) 0);
            }
        }
    }

    /**
     * Drops redeemed tickets that have expired (a replay of one is refused as expired anyway),
     * oldest redemption first, stopping at the first one still valid: constant time per call on
     * average. Scanning the whole map instead cost every resumption a pass over up to {@link
     * #MAX_REDEEMED} entries (most of a resumed handshake's CPU once many had been redeemed). An
     * expired entry behind a valid one waits its turn; the size bound holds either way.
     */
    private void forgetExpired(Instant now) {
        for (Iterator<Instant> it = redeemed.values().iterator(); it.hasNext(); ) {
            if (!it.next().isBefore(now)) {
                return;
            }
            it.remove();
        }
    }

    private static byte[] encode(ResumptionState s, String origin) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeShort(s.cipherSuite().code());
            out.writeLong(s.issuedAt().toEpochMilli());
            out.writeLong(s.lifetimeSeconds());
            out.writeLong(s.ageAdd());
            byte[] psk = s.psk();
            out.writeShort(psk.length);
            out.write(psk);
            // The state is handed over to this store: its PSK copy is wiped once sealed.
            Arrays.fill(psk, (byte) 0);
            writeString(out, origin);
            writeString(out, s.alpn().orElse(null));
            writeString(out, s.serverName().orElse(null));
            out.writeShort(s.peerCertificates().size());
            for (X509Certificate c : s.peerCertificates()) {
                byte[] der = c.getEncoded();
                out.writeInt(der.length);
                out.write(der);
            }
            return bytes.toByteArray();
        } catch (IOException | java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Redeemed decode(byte[] plain) throws IOException, GeneralSecurityException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(plain));
        // A TLS 1.3 or TLS 1.2 suite: the engine resumes a state only with its own version.
        TlsCipherSuite suite =
                TlsCipherSuite.of(in.readUnsignedShort())
                        .orElseThrow(() -> new IOException("unknown suite"));
        Instant issuedAt = Instant.ofEpochMilli(in.readLong());
        long lifetime = in.readLong();
        long ageAdd = in.readLong();
        byte[] psk = new byte[in.readUnsignedShort()];
        in.readFully(psk);
        String origin = readString(in);
        String alpn = readString(in);
        String sni = readString(in);
        int n = in.readUnsignedShort();
        List<X509Certificate> peers = new ArrayList<>();
        CertificateFactory cf = CertificateFactory.getInstance("X.509");
        for (int i = 0; i < n; i++) {
            byte[] der = new byte[in.readInt()];
            in.readFully(der);
            peers.add((X509Certificate) cf.generateCertificate(new ByteArrayInputStream(der)));
        }
        try {
            return new Redeemed(
                    new ResumptionState(
                            psk,
                            suite,
                            issuedAt,
                            lifetime,
                            ageAdd,
                            Optional.ofNullable(alpn),
                            Optional.ofNullable(sni),
                            peers),
                    origin);
        } finally {
            Arrays.fill(psk, (byte) 0);
        }
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        if (s == null) {
            out.writeShort(0xffff);
        } else {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            out.writeShort(b.length);
            out.write(b);
        }
    }

    private static String readString(DataInputStream in) throws IOException {
        int n = in.readUnsignedShort();
        if (n == 0xffff) {
            return null;
        }
        byte[] b = new byte[n];
        in.readFully(b);
        return new String(b, StandardCharsets.UTF_8);
    }
}
