package io.tlsuite.protocol.config;

import io.tlsuite.protocol.cert.CertificateValidator;
import io.tlsuite.protocol.codec.ProtocolVersion;
import io.tlsuite.protocol.crypto.CipherSuite;
import io.tlsuite.protocol.crypto.NamedGroup;
import io.tlsuite.protocol.crypto.SignatureScheme;
import io.tlsuite.protocol.crypto.Tls12CipherSuite;
import io.tlsuite.protocol.resumption.ClientSession;
import io.tlsuite.protocol.resumption.TicketStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Everything an engine needs, for either role. Immutable; build with {@link #builder()}.
 *
 * <p>Defaults: TLS 1.3 and TLS 1.2 (1.3 preferred), all three TLS 1.3 suites (AES-128-GCM first),
 * the eight TLS 1.2 AEAD suites (ECDHE first, RSA key transport last), groups X25519, secp256r1,
 * X448, secp384r1, secp521r1, ffdhe2048, ffdhe3072, ffdhe4096 (in this order of preference; the
 * server picks by its own order, not the client's) with a key share for X25519 only, signature
 * schemes ecdsa_secp256r1_sha256, ed25519, rsa_pss_rsae_sha256, rsa_pkcs1_sha256 (TLS 1.2 only),
 * middlebox compatibility on, no ALPN, no client authentication, no tickets, no key log, no OCSP
 * stapling.
 */
public final class TlsConfig {
    private final List<CipherSuite> cipherSuites;
    private final List<Tls12CipherSuite> tls12CipherSuites;
    private final List<ProtocolVersion> versions;
    private final List<NamedGroup> groups;
    private final List<NamedGroup> keyShareGroups;
    private final List<SignatureScheme> signatureSchemes;
    private final List<CertifiedKey> identities;
    private final CertificateValidator certificateValidator;
    private final String serverName;
    private final List<String> alpnProtocols;
    private final ClientAuth clientAuth;
    private final TlsListener listener;
    private final SecureRandom random;
    private final Clock clock;
    private final TicketStore ticketStore;
    private final int ticketsToSend;
    private final long ticketLifetimeSeconds;
    private final ClientSession resumeSession;
    private final KeyLog keyLog;
    private final boolean middleboxCompatibility;
    private final int recordPaddingBlock;
    private final boolean tls12SessionTickets;
    private final boolean requireExtendedMasterSecret;
    private final boolean requireSecureRenegotiation;
    private final OcspStapling ocspStapling;
    private final boolean requestOcspStapling;

    private TlsConfig(Builder b) {
        this.ocspStapling = b.ocspStapling;
        this.requestOcspStapling = b.requestOcspStapling;
        this.recordPaddingBlock = b.recordPaddingBlock;
        this.tls12SessionTickets = b.tls12SessionTickets;
        this.requireExtendedMasterSecret = b.requireExtendedMasterSecret;
        this.requireSecureRenegotiation = b.requireSecureRenegotiation;
        this.cipherSuites = List.copyOf(b.cipherSuites);
        this.tls12CipherSuites = List.copyOf(b.tls12CipherSuites);
        this.versions = List.copyOf(b.versions);
        if (versions.isEmpty()
                || versions.stream()
                        .anyMatch(
                                v ->
                                        v != ProtocolVersion.TLS_1_3
                                                && v != ProtocolVersion.TLS_1_2)) {
            throw new IllegalArgumentException("versions must be TLS 1.3 and/or TLS 1.2");
        }
        if (versions.contains(ProtocolVersion.TLS_1_2) && tls12CipherSuites.isEmpty()) {
            throw new IllegalArgumentException("TLS 1.2 enabled without TLS 1.2 suites");
        }
        this.groups = List.copyOf(b.groups);
        this.keyShareGroups =
                b.keyShareGroups == null ? List.of(groups.get(0)) : List.copyOf(b.keyShareGroups);
        this.signatureSchemes = List.copyOf(b.signatureSchemes);
        this.identities = List.copyOf(b.identities);
        this.certificateValidator = b.certificateValidator;
        this.serverName = b.serverName;
        this.alpnProtocols = List.copyOf(b.alpnProtocols);
        this.clientAuth = b.clientAuth;
        this.listener = b.listener;
        this.random = b.random;
        this.clock = b.clock;
        this.ticketStore = b.ticketStore;
        this.ticketsToSend = b.ticketsToSend;
        this.ticketLifetimeSeconds = b.ticketLifetimeSeconds;
        this.resumeSession = b.resumeSession;
        this.keyLog = b.keyLog;
        this.middleboxCompatibility = b.middleboxCompatibility;
        if (cipherSuites.isEmpty() || groups.isEmpty() || signatureSchemes.isEmpty()) {
            throw new IllegalArgumentException(
                    "suites, groups and signature schemes must not be empty");
        }
        if (!groups.containsAll(keyShareGroups)) {
            throw new IllegalArgumentException("key share groups must be among the groups");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.cipherSuites = cipherSuites;
        b.tls12CipherSuites = tls12CipherSuites;
        b.versions = versions;
        b.groups = groups;
        b.keyShareGroups = keyShareGroups;
        b.signatureSchemes = signatureSchemes;
        b.identities = new ArrayList<>(identities);
        b.certificateValidator = certificateValidator;
        b.serverName = serverName;
        b.alpnProtocols = alpnProtocols;
        b.clientAuth = clientAuth;
        b.listener = listener;
        b.random = random;
        b.clock = clock;
        b.ticketStore = ticketStore;
        b.ticketsToSend = ticketsToSend;
        b.ticketLifetimeSeconds = ticketLifetimeSeconds;
        b.resumeSession = resumeSession;
        b.keyLog = keyLog;
        b.middleboxCompatibility = middleboxCompatibility;
        b.recordPaddingBlock = recordPaddingBlock;
        b.tls12SessionTickets = tls12SessionTickets;
        b.requireExtendedMasterSecret = requireExtendedMasterSecret;
        b.requireSecureRenegotiation = requireSecureRenegotiation;
        b.ocspStapling = ocspStapling;
        b.requestOcspStapling = requestOcspStapling;
        return b;
    }

    public List<CipherSuite> cipherSuites() {
        return cipherSuites;
    }

    /** TLS 1.2 suites in preference order. */
    public List<Tls12CipherSuite> tls12CipherSuites() {
        return tls12CipherSuites;
    }

    /** Enabled versions, preferred first (TLS 1.3 is always preferred when both are enabled). */
    public List<ProtocolVersion> versions() {
        return versions;
    }

    public boolean enables(ProtocolVersion version) {
        return versions.contains(version);
    }

    public List<NamedGroup> groups() {
        return groups;
    }

    public List<NamedGroup> keyShareGroups() {
        return keyShareGroups;
    }

    public List<SignatureScheme> signatureSchemes() {
        return signatureSchemes;
    }

    /**
     * Our identities in preference order: a server picks the first that fits each handshake, a
     * client presents the first when asked for a certificate.
     */
    public List<CertifiedKey> identities() {
        return identities;
    }

    /** The chain of the first identity, or empty. */
    public List<X509Certificate> certificateChain() {
        return identities.isEmpty() ? List.of() : identities.get(0).chain();
    }

    /** The key of the first identity, or null. */
    public PrivateKey privateKey() {
        return identities.isEmpty() ? null : identities.get(0).privateKey();
    }

    public CertificateValidator certificateValidator() {
        return certificateValidator;
    }

    public String serverName() {
        return serverName;
    }

    public List<String> alpnProtocols() {
        return alpnProtocols;
    }

    public ClientAuth clientAuth() {
        return clientAuth;
    }

    public TlsListener listener() {
        return listener;
    }

    public SecureRandom random() {
        return random;
    }

    public Clock clock() {
        return clock;
    }

    public TicketStore ticketStore() {
        return ticketStore;
    }

    public int ticketsToSend() {
        return ticketsToSend;
    }

    public long ticketLifetimeSeconds() {
        return ticketLifetimeSeconds;
    }

    public ClientSession resumeSession() {
        return resumeSession;
    }

    public KeyLog keyLog() {
        return keyLog;
    }

    public boolean middleboxCompatibility() {
        return middleboxCompatibility;
    }

    public int recordPaddingBlock() {
        return recordPaddingBlock;
    }

    public boolean tls12SessionTickets() {
        return tls12SessionTickets;
    }

    /**
     * Server, TLS 1.2: refuse clients without extended_master_secret (RFC 7627 §5.3) with
     * handshake_failure. Off by default: such clients get the RFC 5246 master secret, no
     * resumption, and {@code Negotiated.extendedMasterSecret()} false. Our client always requires
     * it from servers.
     */
    public boolean requireExtendedMasterSecret() {
        return requireExtendedMasterSecret;
    }

    /**
     * Server, TLS 1.2: refuse clients that signal no secure renegotiation (RFC 5746: neither
     * renegotiation_info nor TLS_EMPTY_RENEGOTIATION_INFO_SCSV). Off by default: renegotiation is
     * refused anyway, so such clients are safe; {@code Negotiated.secureRenegotiation()} says so.
     */
    public boolean requireSecureRenegotiation() {
        return requireSecureRenegotiation;
    }

    /** Server: the OCSP responses to staple (default {@link OcspStapling#NONE}). */
    public OcspStapling ocspStapling() {
        return ocspStapling;
    }

    /**
     * Client: send status_request (ocsp, RFC 6066 §8) in the ClientHello, so that a server may
     * staple an OCSP response for its certificate (TLS 1.3: in the leaf's CertificateEntry; TLS
     * 1.2: a CertificateStatus message); the {@code CertificateValidator} receives it. Off by
     * default.
     */
    public boolean requestOcspStapling() {
        return requestOcspStapling;
    }

    @Override
    public String toString() {
        return "TlsConfig[versions="
                + versions
                + ", suites="
                + cipherSuites
                + ", tls12Suites="
                + tls12CipherSuites
                + ", groups="
                + groups
                + ", keyShares="
                + keyShareGroups
                + ", schemes="
                + signatureSchemes
                + ", identities="
                + identities
                + ", serverName="
                + serverName
                + ", alpn="
                + alpnProtocols
                + ", clientAuth="
                + clientAuth
                + "]";
    }

    public static final class Builder {
        private List<CipherSuite> cipherSuites = List.of(CipherSuite.values());
        private List<Tls12CipherSuite> tls12CipherSuites = List.of(Tls12CipherSuite.values());
        private List<ProtocolVersion> versions =
                List.of(ProtocolVersion.TLS_1_3, ProtocolVersion.TLS_1_2);
        private List<NamedGroup> groups =
                List.of(
                        NamedGroup.X25519,
                        NamedGroup.SECP256R1,
                        NamedGroup.X448,
                        NamedGroup.SECP384R1,
                        NamedGroup.SECP521R1,
                        NamedGroup.FFDHE2048,
                        NamedGroup.FFDHE3072,
                        NamedGroup.FFDHE4096);
        private List<NamedGroup> keyShareGroups;
        private List<SignatureScheme> signatureSchemes =
                List.of(
                        SignatureScheme.ECDSA_SECP256R1_SHA256,
                        SignatureScheme.ECDSA_SECP384R1_SHA384,
                        SignatureScheme.ED25519,
                        SignatureScheme.RSA_PSS_RSAE_SHA256,
                        SignatureScheme.RSA_PKCS1_SHA256);
        private List<CertifiedKey> identities = new ArrayList<>();
        private CertificateValidator certificateValidator;
        private String serverName;
        private List<String> alpnProtocols = List.of();
        private ClientAuth clientAuth = ClientAuth.NONE;
        private TlsListener listener = TlsListener.NONE;
        private SecureRandom random = new SecureRandom();
        private Clock clock = Clock.systemUTC();
        private TicketStore ticketStore;
        private int ticketsToSend = 1;
        private long ticketLifetimeSeconds = 7200;
        private ClientSession resumeSession;
        private KeyLog keyLog;
        private boolean middleboxCompatibility = true;
        private int recordPaddingBlock;
        private boolean tls12SessionTickets = true;
        private boolean requireExtendedMasterSecret;
        private boolean requireSecureRenegotiation;
        private OcspStapling ocspStapling = OcspStapling.NONE;
        private boolean requestOcspStapling;

        public Builder cipherSuites(CipherSuite... suites) {
            this.cipherSuites = List.of(suites);
            return this;
        }

        /**
         * The TLS 1.2 suites in preference order. Default: the six ECDHE suites (ECDSA, then RSA;
         * AES-128-GCM, AES-256-GCM, ChaCha20-Poly1305), then the two RSA key transport suites (no
         * forward secrecy: drop them with this setter where no legacy client needs them).
         */
        public Builder tls12CipherSuites(Tls12CipherSuite... suites) {
            this.tls12CipherSuites = List.of(suites);
            return this;
        }

        /**
         * The versions to negotiate: TLS 1.3 and/or TLS 1.2 (default both; 1.3 preferred). SSL 3.0
         * to TLS 1.1 are never negotiated (protocol_version).
         */
        public Builder versions(ProtocolVersion... versions) {
            this.versions = List.of(versions);
            return this;
        }

        /** Supported groups in preference order; the client's key share defaults to the first. */
        public Builder groups(NamedGroup... groups) {
            this.groups = List.of(groups);
            return this;
        }

        /**
         * Client: the groups to send key shares for (may be empty, to ask for a HelloRetryRequest).
         */
        public Builder keyShareGroups(NamedGroup... groups) {
            this.keyShareGroups = List.of(groups);
            return this;
        }

        public Builder signatureSchemes(SignatureScheme... schemes) {
            this.signatureSchemes = List.of(schemes);
            return this;
        }

        /**
         * Our only certificate chain (leaf first) and its private key, replacing any configured
         * before: required for a server, for mTLS on a client.
         */
        public Builder certificate(List<X509Certificate> chain, PrivateKey key) {
            this.identities = new ArrayList<>();
            return chain.isEmpty() && key == null ? this : addCertificate(chain, key);
        }

        /**
         * One more identity, after those configured so far. A server picks per handshake the first
         * identity that fits: TLS 1.3 by the client's signature_algorithms, TLS 1.2 by the suite's
         * key exchange (ECDHE_ECDSA: an EC key; ECDHE_RSA and RSA key transport: an RSA key) and
         * signature_algorithms; none fits: handshake_failure.
         */
        public Builder addCertificate(List<X509Certificate> chain, PrivateKey key) {
            this.identities.add(new CertifiedKey(chain, key));
            return this;
        }

        /**
         * How the peer's certificate is checked (client: the server's; server with mTLS: the
         * client's).
         */
        public Builder certificateValidator(CertificateValidator validator) {
            this.certificateValidator = validator;
            return this;
        }

        /** Client: SNI and the name the server certificate must match. */
        public Builder serverName(String serverName) {
            this.serverName = serverName;
            return this;
        }

        public Builder alpnProtocols(String... protocols) {
            this.alpnProtocols = List.of(protocols);
            return this;
        }

        public Builder clientAuth(ClientAuth clientAuth) {
            this.clientAuth = Objects.requireNonNull(clientAuth);
            return this;
        }

        public Builder listener(TlsListener listener) {
            this.listener = Objects.requireNonNull(listener);
            return this;
        }

        public Builder random(SecureRandom random) {
            this.random = Objects.requireNonNull(random);
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        /** Server: where issued tickets are kept; without one no NewSessionTicket is sent. */
        public Builder ticketStore(TicketStore store) {
            this.ticketStore = store;
            return this;
        }

        public Builder ticketsToSend(int n) {
            this.ticketsToSend = n;
            return this;
        }

        public Builder ticketLifetimeSeconds(long seconds) {
            this.ticketLifetimeSeconds = Math.min(seconds, 604800);
            return this;
        }

        /** Client: offer this session's ticket as a PSK (psk_dhe_ke). */
        public Builder resumeSession(ClientSession session) {
            this.resumeSession = session;
            return this;
        }

        /** NSS key log sink; off (null) by default. */
        public Builder keyLog(KeyLog keyLog) {
            this.keyLog = keyLog;
            return this;
        }

        /**
         * RFC 8446 Appendix D.4: session id and dummy change_cipher_spec records. On by default.
         */
        public Builder middleboxCompatibility(boolean on) {
            this.middleboxCompatibility = on;
            return this;
        }

        /**
         * Pads every protected record (RFC 8446 §5.4) so its inner plaintext is a multiple of
         * {@code block} bytes, hiding exact lengths; 0 (the default) sends no padding.
         */
        public Builder recordPaddingBlock(int block) {
            if (block < 0 || block > 16384) {
                throw new IllegalArgumentException("padding block " + block);
            }
            this.recordPaddingBlock = block;
            return this;
        }

        /**
         * TLS 1.2 resumption by RFC 5077 ticket (default on): a client offers the session_ticket
         * extension, a server with a ticket store issues tickets to clients that offer it. Off: a
         * server with a ticket store that {@code supportsSessionIds()} hands out session ids
         * instead, and a client resumes by session id only.
         */
        public Builder tls12SessionTickets(boolean on) {
            this.tls12SessionTickets = on;
            return this;
        }

        /** See {@link TlsConfig#requireExtendedMasterSecret()} (default false). */
        public Builder requireExtendedMasterSecret(boolean on) {
            this.requireExtendedMasterSecret = on;
            return this;
        }

        /** See {@link TlsConfig#requireSecureRenegotiation()} (default false). */
        public Builder requireSecureRenegotiation(boolean on) {
            this.requireSecureRenegotiation = on;
            return this;
        }

        /**
         * Server: staple the OCSP response {@code stapling} gives for the chosen identity to
         * clients that ask with status_request (TLS 1.2: CertificateStatus message; TLS 1.3: in the
         * leaf's CertificateEntry).
         */
        public Builder ocspStapling(OcspStapling stapling) {
            this.ocspStapling = Objects.requireNonNull(stapling);
            return this;
        }

        /** See {@link TlsConfig#requestOcspStapling()} (default false). */
        public Builder requestOcspStapling(boolean on) {
            this.requestOcspStapling = on;
            return this;
        }

        public TlsConfig build() {
            return new TlsConfig(this);
        }
    }
}
