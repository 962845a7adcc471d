package io.tlsuite.agent.domain;

import io.tlsuite.agent.domain.Scenario.Mode;
import io.tlsuite.protocol.crypto.CipherSuite;
import io.tlsuite.protocol.crypto.NamedGroup;
import io.tlsuite.protocol.crypto.Tls12CipherSuite;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Every scenario the agent knows, good ones first. */
public final class ScenarioCatalog {
    public static final String TCP = "tcp";
    public static final String REST = "rest";
    private static final List<String> BOTH = List.of(TCP, REST);
    private static final List<String> TCP_ONLY = List.of(TCP);

    private final Map<String, Scenario> byName = new LinkedHashMap<>();

    public ScenarioCatalog() {
        ClientProfile d = ClientProfile.defaults();
        add(
                "tls13",
                "TLS 1.3 full handshake (X25519, AES-128-GCM first), one request, close_notify both ways",
                BOTH,
                Expectation.success(),
                d.tls13Only(),
                null,
                Mode.PLAIN);
        add(
                "tls13-aes256",
                "TLS 1.3 offering only TLS_AES_256_GCM_SHA384",
                BOTH,
                Expectation.success(),
                d.tls13Only().withSuites(CipherSuite.TLS_AES_256_GCM_SHA384),
                null,
                Mode.PLAIN);
        add(
                "tls13-chacha20",
                "TLS 1.3 offering only TLS_CHACHA20_POLY1305_SHA256",
                BOTH,
                Expectation.success(),
                d.tls13Only().withSuites(CipherSuite.TLS_CHACHA20_POLY1305_SHA256),
                null,
                Mode.PLAIN);
        add(
                "tls13-p256",
                "TLS 1.3 with the secp256r1 group only",
                BOTH,
                Expectation.success(),
                d.tls13Only().withGroups(NamedGroup.SECP256R1),
                null,
                Mode.PLAIN);
        // Every other group the engine negotiates in TLS 1.3 (X25519 is tls13's, secp256r1 above).
        for (NamedGroup g :
                List.of(
                        NamedGroup.SECP384R1,
                        NamedGroup.SECP521R1,
                        NamedGroup.X448,
                        NamedGroup.FFDHE2048,
                        NamedGroup.FFDHE3072,
                        NamedGroup.FFDHE4096)) {
            add(
                    "tls13-" + groupName(g),
                    "TLS 1.3 with the " + g.name().toLowerCase(Locale.ROOT) + " group only",
                    BOTH,
                    Expectation.success(),
                    d.tls13Only().withGroups(g),
                    null,
                    Mode.PLAIN);
        }
        add(
                "tls12-ecdhe",
                "TLS 1.2 with ECDHE suites only (forward secrecy; ServerKeyExchange signature checked)",
                BOTH,
                Expectation.success(),
                d.tls12Only(
                        Tls12CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
                        Tls12CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
                        Tls12CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
                        Tls12CipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256),
                null,
                Mode.PLAIN);
        add(
                "rsa-key-exchange",
                "TLS 1.2 TLS_RSA_WITH_AES_128_GCM_SHA256: the classic flow, the client encrypts the"
                        + " pre-master secret with the server's RSA key",
                BOTH,
                Expectation.success(),
                d.tls12Only(Tls12CipherSuite.TLS_RSA_WITH_AES_128_GCM_SHA256),
                null,
                Mode.PLAIN);
        add(
                "mutual-tls",
                "TLS 1.3 with a client certificate from the agent's key store (over tcp the lab's"
                        + " mtls. server requires one; over rest the handshake is opened with"
                        + " clientAuth required)",
                BOTH,
                Expectation.success(),
                d.tls13Only().withClientCertificate(),
                "mtls",
                Mode.PLAIN);
        add(
                "resumption",
                "a full TLS 1.3 handshake, then a second from its ticket (psk_dhe_ke): resumed, with"
                        + " new keys (exporter values differ)",
                BOTH,
                Expectation.success(),
                d.tls13Only(),
                null,
                Mode.RESUMPTION);
        add(
                "secure-exchange",
                "5 messages sent as protected records, each echo checked, then close_notify and key"
                        + " deletion",
                BOTH,
                Expectation.success(),
                d,
                null,
                Mode.EXCHANGE);
        add(
                "untrusted-root",
                "the server's chain ends at a root the agent does not trust",
                TCP_ONLY,
                Expectation.agentRefuses("unknown_ca", "chain"),
                d,
                "untrusted-root",
                Mode.PLAIN);
        add(
                "expired-certificate",
                "the server's certificate (issued by the suite CA, backdated) expired yesterday",
                TCP_ONLY,
                Expectation.agentRefuses("certificate_expired", "validity"),
                d,
                "expired",
                Mode.PLAIN);
        add(
                "revoked-certificate",
                "the server's certificate is revoked at the CA (OCSP says so; CRL as fallback)",
                TCP_ONLY,
                Expectation.agentRefuses("certificate_revoked", "revocation"),
                d,
                "revoked",
                Mode.PLAIN);
        add(
                "wrong-hostname",
                "the server's valid certificate names another host",
                TCP_ONLY,
                Expectation.agentRefuses("bad_certificate", "hostname"),
                d,
                "wrong-host",
                Mode.PLAIN);
        add(
                "self-signed",
                "the server presents a self-signed certificate",
                TCP_ONLY,
                Expectation.agentRefuses("unknown_ca", "chain"),
                d,
                "self-signed",
                Mode.PLAIN);
        add(
                "legacy-version-only",
                "the agent offers only SSL 3.0 to TLS 1.1 (the server must answer protocol_version),"
                        + " then meets the lab's tls10. server answering TLS 1.0 (the agent must"
                        + " refuse with protocol_version)",
                BOTH,
                Expectation.serverRefuses("protocol_version"),
                d,
                "tls10",
                Mode.LEGACY);
        add(
                "downgrade",
                "a man in the middle strips TLS 1.3 from the ClientHello; the server's random carries"
                        + " the RFC 8446 §4.1.3 sentinel and the agent must abort",
                TCP_ONLY,
                Expectation.agentRefuses("illegal_parameter", null),
                d,
                "downgrade",
                Mode.PLAIN);
        add(
                "tampered-finished",
                "the agent's Finished is altered and re-protected with the right key: the server"
                        + " must answer decrypt_error (RFC 8446 §4.4.4)",
                BOTH,
                Expectation.serverRefuses("decrypt_error"),
                d.tls13Only().withSuites(CipherSuite.TLS_AES_128_GCM_SHA256),
                null,
                Mode.TAMPER_FINISHED);
        add(
                "tampered-record",
                "one bit of a protected application-data record flipped on the wire: the server"
                        + " must answer bad_record_mac (RFC 8446 §5.2)",
                BOTH,
                Expectation.serverRefuses("bad_record_mac"),
                d,
                null,
                Mode.TAMPER_RECORD);
        add(
                "no-verification",
                "the impostor of untrusted-root with certificate verification switched off: it"
                        + " connects, and the agent must report the connection as insecure",
                TCP_ONLY,
                Expectation.insecureSuccess(),
                d.withoutVerification(),
                "untrusted-root",
                Mode.PLAIN);
    }

    private static String groupName(NamedGroup g) {
        return switch (g) {
            case SECP384R1 -> "p384";
            case SECP521R1 -> "p521";
            default -> g.name().toLowerCase(Locale.ROOT);
        };
    }

    private void add(
            String name,
            String description,
            List<String> transports,
            Expectation expectation,
            ClientProfile profile,
            String labHost,
            Mode mode) {
        byName.put(
                name,
                new Scenario(name, description, transports, expectation, profile, labHost, mode));
    }

    public List<Scenario> all() {
        return List.copyOf(byName.values());
    }

    public Optional<Scenario> find(String name) {
        return Optional.ofNullable(name == null ? null : byName.get(name));
    }
}
