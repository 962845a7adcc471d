package io.tlsuite.protocol.crypto;

import io.tlsuite.protocol.alert.TlsAlertException;
import io.tlsuite.protocol.codec.Hex;
import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECFieldFp;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.EllipticCurve;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Optional;
import javax.crypto.KeyAgreement;
import javax.crypto.interfaces.DHPublicKey;
import javax.crypto.spec.DHParameterSpec;
import javax.crypto.spec.DHPublicKeySpec;

/**
 * The (EC)DHE groups this engine supports (RFC 8446 §4.2.7, RFC 7919), with their JDK key exchange:
 * the NIST curves (uncompressed points, checked on the curve), X25519 and X448 (RFC 7748), and the
 * finite-field groups of RFC 7919 (their primes from Bouncy Castle's table of standard groups, the
 * arithmetic from the JDK). Every malformed share is illegal_parameter.
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

    private static final byte[] X25519_SPKI_PREFIX = Hex.parse("302a300506032b656e032100");
    private static final byte[] X25519_PKCS8_PREFIX = Hex.parse("302e020100300506032b656e04220420");
    private static final byte[] X448_SPKI_PREFIX = Hex.parse("3042300506032b656f033900");

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

    /** A fresh ephemeral key pair. */
    public KeyExchange generate(SecureRandom random) {
        try {
            KeyPairGenerator kpg;
            switch (kind) {
                case XDH -> {
                    kpg = KeyPairGenerator.getInstance(jcaName);
                    kpg.initialize(new NamedParameterSpec(jcaName), random);
                }
                case EC -> {
                    kpg = KeyPairGenerator.getInstance("EC");
                    kpg.initialize(new ECGenParameterSpec(jcaName), random);
                }
                default -> {
                    kpg = KeyPairGenerator.getInstance("DiffieHellman");
                    kpg.initialize(Ffdhe.parameters(this), random);
                }
            }
            return new JdkKeyExchange(this, kpg.generateKeyPair());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(this + " unavailable", e);
        }
    }

    /** X25519 with a given private scalar: for reproducing published traces (RFC 8448). */
    public static KeyExchange x25519FromPrivate(byte[] scalar, byte[] publicKey) {
        try {
            KeyFactory kf = KeyFactory.getInstance("X25519");
            PrivateKey priv =
                    kf.generatePrivate(
                            new PKCS8EncodedKeySpec(concat(X25519_PKCS8_PREFIX, scalar)));
            PublicKey pub =
                    kf.generatePublic(
                            new X509EncodedKeySpec(concat(X25519_SPKI_PREFIX, publicKey)));
            return new JdkKeyExchange(X25519, new KeyPair(pub, priv));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("bad X25519 key", e);
        }
    }

    /** A key pair from {@link KeyExchange#exportPrivateKey()} and its public key bytes. */
    public KeyExchange restore(byte[] pkcs8, byte[] publicKey) {
        try {
            KeyFactory kf =
                    KeyFactory.getInstance(
                            switch (kind) {
                                case XDH -> jcaName;
                                case EC -> "EC";
                                default -> "DiffieHellman";
                            });
            PrivateKey priv = kf.generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            return new JdkKeyExchange(this, new KeyPair(decodeShare(this, publicKey), priv));
        } catch (GeneralSecurityException | TlsAlertException | RuntimeException e) {
            throw new IllegalArgumentException("bad " + this + " key", e);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
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
                AlgorithmParameters ap = AlgorithmParameters.getInstance("EC");
                ap.init(new ECGenParameterSpec(group.jcaName));
                ECParameterSpec params = ap.getParameterSpec(ECParameterSpec.class);
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

    private static final class JdkKeyExchange implements KeyExchange {
        private final NamedGroup group;
        private final KeyPair keyPair;

        JdkKeyExchange(NamedGroup group, KeyPair keyPair) {
            this.group = group;
            this.keyPair = keyPair;
        }

        @Override
        public NamedGroup group() {
            return group;
        }

        @Override
        public byte[] publicKey() {
            int n = group.elementLength;
            switch (group.kind) {
                case XDH -> {
                    byte[] spki = keyPair.getPublic().getEncoded();
                    return Arrays.copyOfRange(spki, spki.length - n, spki.length);
                }
                case EC -> {
                    ECPoint w = ((ECPublicKey) keyPair.getPublic()).getW();
                    byte[] out = new byte[1 + 2 * n];
                    out[0] = 4;
                    fixed(w.getAffineX(), out, 1, n);
                    fixed(w.getAffineY(), out, 1 + n, n);
                    return out;
                }
                default -> {
                    // RFC 8446 §4.2.8.1: Y left-padded with zeros to the prime's length.
                    byte[] out = new byte[n];
                    fixed(((DHPublicKey) keyPair.getPublic()).getY(), out, 0, n);
                    return out;
                }
            }
        }

        @Override
        public byte[] exportPrivateKey() {
            return keyPair.getPrivate().getEncoded();
        }

        @Override
        public byte[] agree(byte[] peer) throws TlsAlertException {
            try {
                PublicKey peerKey = decodeShare(group, peer);
                KeyAgreement ka =
                        KeyAgreement.getInstance(
                                switch (group.kind) {
                                    case XDH -> group.jcaName;
                                    case EC -> "ECDH";
                                    default -> "DiffieHellman";
                                });
                ka.init(keyPair.getPrivate());
                ka.doPhase(peerKey, true);
                byte[] secret = ka.generateSecret();
                if (group.kind == Kind.FFDHE && secret.length < group.elementLength) {
                    // RFC 8446 §7.4.1: Z keeps the prime's length (leading zeros).
                    byte[] padded = new byte[group.elementLength];
                    System.arraycopy(
                            secret, 0, padded, padded.length - secret.length, secret.length);
                    Arrays.fill(secret, (byte) 0);
                    secret = padded;
                }
                if (isZero(secret)) {
                    // RFC 7748 §6: an all-zero X25519/X448 result means a small-order point.
                    throw TlsAlertException.illegalParameter("all-zero shared secret");
                }
                return secret;
            } catch (GeneralSecurityException | RuntimeException e) {
                // The JDK rejects small-order and off-curve points here.
                throw new TlsAlertException(
                        io.tlsuite.protocol.alert.AlertDescription.ILLEGAL_PARAMETER,
                        "invalid key share",
                        e);
            }
        }

        private static boolean isZero(byte[] b) {
            int acc = 0;
            for (byte x : b) {
                acc |= x;
            }
            return acc == 0;
        }

        private static void fixed(BigInteger v, byte[] out, int off, int len) {
            byte[] b = v.toByteArray();
            int n = Math.min(b.length, len);
            System.arraycopy(b, b.length - n, out, off + len - n, n);
        }
    }
}
