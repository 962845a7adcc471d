package io.tlsuite.protocol.crypto;

import io.tlsuite.protocol.alert.TlsAlertException;
import io.tlsuite.protocol.codec.Hex;
import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.ECFieldFp;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.EllipticCurve;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Optional;
import javax.crypto.spec.DHParameterSpec;
import javax.crypto.spec.DHPublicKeySpec;

/**
 * The (EC)DHE groups this engine supports (RFC 8446 §4.2.7, RFC 7919): the NIST curves
 * (uncompressed points, checked on the curve), X25519 and X448 (RFC 7748), and the finite-field
 * groups of RFC 7919 (their primes from Bouncy Castle's table of standard groups). The arithmetic
 * is the {@linkplain CryptoBackends#active() active backend}'s; every backend rejects a malformed
 * share, a point off the curve and an all-zero X25519/X448 result with illegal_parameter.
 */
public enum NamedGroup {
    SECP256R1(0x0017, Kind.EC, "secp256r1", 32),
    SECP384R1(0x0018, Kind.EC, "secp384r1", 48),
    SECP521R1(0x0019, Kind.EC, "secp521r1", 66),
    X25519(0x001d, Kind.XDH, "X25519", 32),
    X448(0x001e, Kind.XDH, "X448", 56),
    FFDHE2048(0x0100, Kind.FFDHE, "ffdhe2048", 256),
    FFDHE3072(0x0101, Kind.FFDHE, "ffdhe3072", 384),
    FFDHE4096(0x0102, Kind.FFDHE, "ffdhe4096", 512);

    /** How the group computes. */
    public enum Kind {
        EC,
        XDH,
        FFDHE
    }

    static final byte[] X25519_SPKI_PREFIX = Hex.parse("302a300506032b656e032100");
    static final byte[] X25519_PKCS8_PREFIX = Hex.parse("302e020100300506032b656e04220420");
    static final byte[] X448_SPKI_PREFIX = Hex.parse("3042300506032b656f033900");
    static final byte[] X448_PKCS8_PREFIX = Hex.parse("3046020100300506032b656f043a0438");

    private final int code;
    private final Kind kind;
    private final String jcaName;
    private final int elementLength;

    NamedGroup(int code, Kind kind, String jcaName, int elementLength) {
        this.code = code;
        this.kind = kind;
        this.jcaName = jcaName;
        this.elementLength = elementLength;
    }

    public int code() {
        return code;
    }

    public Kind kind() {
        return kind;
    }

    /** Elliptic-curve groups, usable by the ECDHE suites of TLS 1.2 (RFC 8422). */
    public boolean isEcdhe() {
        return kind != Kind.FFDHE;
    }

    /**
     * The length of a coordinate (EC), of a key (XDH) or of the prime (FFDHE), in bytes; a share is
     * exactly 1 + 2x this (EC), or this (XDH, FFDHE).
     */
    public int elementLength() {
        return elementLength;
    }

    public static Optional<NamedGroup> of(int code) {
        for (NamedGroup g : values()) {
            if (g.code == code) {
                return Optional.of(g);
            }
        }
        return Optional.empty();
    }

    /** A fresh ephemeral key pair, from the {@linkplain CryptoBackends#active() active backend}. */
    public KeyExchange generate(SecureRandom random) {
        return CryptoBackends.active().generate(this, random);
    }

    /** X25519 with a given private scalar: for reproducing published traces (RFC 8448). */
    public static KeyExchange x25519FromPrivate(byte[] scalar, byte[] publicKey) {
        return CryptoBackends.active().x25519(scalar, publicKey);
    }

    /** A key pair from {@link KeyExchange#exportPrivateKey()} and its public key bytes. */
    public KeyExchange restore(byte[] pkcs8, byte[] publicKey) {
        return CryptoBackends.active().restore(this, pkcs8, publicKey);
    }

    /** The JCA name of the group (curve, XDH algorithm or FFDHE group). */
    String jcaName() {
        return jcaName;
    }

    /** The JDK's parameters of an EC group's curve. */
    static ECParameterSpec ecParameters(NamedGroup group) throws GeneralSecurityException {
        AlgorithmParameters ap = AlgorithmParameters.getInstance("EC");
        ap.init(new ECGenParameterSpec(group.jcaName));
        return ap.getParameterSpec(ECParameterSpec.class);
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /**
     * The peer's key_exchange bytes as a JDK public key, after the checks of RFC 8446 §4.2.8.1
     * (FFDHE: exactly the prime's length, 1 < Y < p-1) and §4.2.8.2 (EC: uncompressed, on the
     * curve; XDH: exactly the key length).
     */
    static PublicKey decodeShare(NamedGroup group, byte[] peer)
            throws GeneralSecurityException, TlsAlertException {
        int n = group.elementLength;
        switch (group.kind) {
            case XDH -> {
                if (peer.length != n) {
                    throw TlsAlertException.illegalParameter(
                            group + " share must be " + n + " bytes");
                }
                byte[] prefix = group == X25519 ? X25519_SPKI_PREFIX : X448_SPKI_PREFIX;
                return KeyFactory.getInstance(group.jcaName)
                        .generatePublic(new X509EncodedKeySpec(concat(prefix, peer)));
            }
            case EC -> {
                if (peer.length != 1 + 2 * n || peer[0] != 4) {
                    throw TlsAlertException.illegalParameter(
                            group + " share must be an uncompressed point");
                }
                ECParameterSpec params = ecParameters(group);
                BigInteger x = new BigInteger(1, Arrays.copyOfRange(peer, 1, 1 + n));
                BigInteger y = new BigInteger(1, Arrays.copyOfRange(peer, 1 + n, 1 + 2 * n));
                EllipticCurve curve = params.getCurve();
                BigInteger p = ((ECFieldFp) curve.getField()).getP();
                if (x.compareTo(p) >= 0 || y.compareTo(p) >= 0) {
                    throw TlsAlertException.illegalParameter(group + " coordinate out of range");
                }
                BigInteger lhs = y.multiply(y).mod(p);
                BigInteger rhs = x.pow(3).add(curve.getA().multiply(x)).add(curve.getB()).mod(p);
                if (!lhs.equals(rhs)) {
                    throw TlsAlertException.illegalParameter(group + " point not on curve");
                }
                return KeyFactory.getInstance("EC")
                        .generatePublic(new ECPublicKeySpec(new ECPoint(x, y), params));
            }
            default -> {
                DHParameterSpec params = Ffdhe.parameters(group);
                BigInteger p = params.getP();
                if (peer.length != n) {
                    throw TlsAlertException.illegalParameter(
                            group + " share must be " + n + " bytes");
                }
                BigInteger y = new BigInteger(1, peer);
                if (y.compareTo(BigInteger.ONE) <= 0
                        || y.compareTo(p.subtract(BigInteger.ONE)) >= 0) {
                    throw TlsAlertException.illegalParameter(group + " share out of range");
                }
                return KeyFactory.getInstance("DiffieHellman")
                        .generatePublic(new DHPublicKeySpec(y, p, params.getG()));
            }
        }
    }
}
