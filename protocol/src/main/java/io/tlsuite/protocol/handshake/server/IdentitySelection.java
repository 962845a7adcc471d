package io.tlsuite.protocol.handshake.server;

import io.tlsuite.protocol.alert.AlertDescription;
import io.tlsuite.protocol.alert.TlsAlertException;
import io.tlsuite.protocol.config.CertifiedKey;
import io.tlsuite.protocol.config.TlsConfig;
import io.tlsuite.protocol.crypto.SignatureScheme;
import io.tlsuite.protocol.crypto.Tls12CipherSuite;
import java.security.interfaces.RSAKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which of the server's identities answers a ClientHello: the first configured one that fits, so
 * the configuration order is the preference.
 */
public final class IdentitySelection {
    private IdentitySelection() {}

    /** The peer's signature schemes that we also enable, in the peer's order. */
    public static List<Integer> usableSchemes(TlsConfig config, List<Integer> peerSchemes) {
        List<Integer> usable = new ArrayList<>();
        for (int code : peerSchemes) {
            SignatureScheme.of(code)
                    .filter(config.signatureSchemes()::contains)
                    .ifPresent(s -> usable.add(code));
        }
        return usable;
    }

    /**
     * TLS 1.3: an identity whose key can sign a CertificateVerify with a scheme the peer offers.
     */
    public static CertifiedKey forTls13(TlsConfig config, List<Integer> peerSchemes)
            throws TlsAlertException {
        if (config.identities().isEmpty()) {
            throw new TlsAlertException(
                    AlertDescription.HANDSHAKE_FAILURE, "server has no certificate");
        }
        List<Integer> usable = usableSchemes(config, peerSchemes);
        for (CertifiedKey id : config.identities()) {
            if (SignatureScheme.select(id.privateKey(), usable, true).isPresent()) {
                return id;
            }
        }
        throw new TlsAlertException(
                AlertDescription.HANDSHAKE_FAILURE, "no signature scheme for our certificates");
    }

    /**
     * RFC 8422 §5.1: a client's supported_groups names the curves of ECDSA certificates too; a
     * client without the extension takes any.
     */
    private static boolean curveListed(CertifiedKey id, List<Integer> peerGroups) {
        if (peerGroups == null || !(id.privateKey() instanceof java.security.interfaces.ECKey ec)) {
            return true;
        }
        int bits = ec.getParams().getCurve().getField().getFieldSize();
        io.tlsuite.protocol.crypto.NamedGroup curve =
                switch (bits) {
                    case 256 -> io.tlsuite.protocol.crypto.NamedGroup.SECP256R1;
                    case 384 -> io.tlsuite.protocol.crypto.NamedGroup.SECP384R1;
                    default -> io.tlsuite.protocol.crypto.NamedGroup.SECP521R1;
                };
        return peerGroups.contains(curve.code());
    }

    /**
     * TLS 1.2: an identity for the suite's key exchange. ECDHE_ECDSA needs an EC key and ECDHE_RSA
     * an RSA key, each able to sign with a scheme the peer offers; RSA key transport needs an RSA
     * key only (nothing is signed). An ECDSA key's curve must be among the client's
     * supported_groups when it sent them (RFC 8422 §5.1: the extension names the curves of
     * certificates too).
     */
    public static Optional<CertifiedKey> forTls12(
            TlsConfig config, Tls12CipherSuite suite, List<Integer> peerSchemes) {
        return forTls12(config, suite, peerSchemes, null);
    }

    /** As above; {@code peerGroups} null when the client sent no supported_groups. */
    public static Optional<CertifiedKey> forTls12(
            TlsConfig config,
            Tls12CipherSuite suite,
            List<Integer> peerSchemes,
            List<Integer> peerGroups) {
        List<Integer> usable = usableSchemes(config, peerSchemes);
        for (CertifiedKey id : config.identities()) {
            boolean fits =
                    switch (suite.keyExchange()) {
                        case ECDHE_ECDSA ->
                                "EC".equals(id.privateKey().getAlgorithm())
                                        && curveListed(id, peerGroups)
                                        && allows(id, DIGITAL_SIGNATURE)
                                        && SignatureScheme.select(id.privateKey(), usable, false)
                                                .isPresent();
                        case ECDHE_RSA ->
                                isRsa(id)
                                        && allows(id, DIGITAL_SIGNATURE)
                                        && SignatureScheme.select(id.privateKey(), usable, false)
                                                .isPresent();
                        case RSA -> isRsa(id) && allows(id, KEY_ENCIPHERMENT);
                    };
            if (fits) {
                return Optional.of(id);
            }
        }
        return Optional.empty();
    }

    private static final int DIGITAL_SIGNATURE = 0;
    private static final int KEY_ENCIPHERMENT = 2;

    /** RFC 5246 §7.4.2: the key usage extension, when present, must allow the key's use. */
    private static boolean allows(CertifiedKey id, int bit) {
        boolean[] usage = id.leaf().getKeyUsage();
        return usage == null || (usage.length > bit && usage[bit]);
    }

    private static boolean isRsa(CertifiedKey id) {
        return id.privateKey() instanceof RSAKey
                && "RSA".equals(id.privateKey().getAlgorithm())
                && "RSA".equals(id.leaf().getPublicKey().getAlgorithm());
    }
}
