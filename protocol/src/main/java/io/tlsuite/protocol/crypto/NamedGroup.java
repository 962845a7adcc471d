package io.tlsuite.protocol.crypto;

import io.tlsuite.protocol.alert.TlsAlertException;
import io.tlsuite.protocol.codec.Hex;
import java.math.BigInteger;
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
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Optional;
import javax.crypto.KeyAgreement;

/** The (EC)DHE groups this engine supports (RFC 8446 §4.2.7), with their JDK key exchange. */
public enum NamedGroup {
    SECP256R1(0x0017),
    X25519(0x001d);

    private static final byte[] X25519_SPKI_PREFIX = Hex.parse("302a300506032b656e032100");
    private static final byte[] X25519_PKCS8_PREFIX = Hex.parse("302e020100300506032b656e04220420");

    private final int code;

    NamedGroup(int code) {
        this.code = code;
    }

    public int code() {
        return code;
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
            if (this == X25519) {
                kpg = KeyPairGenerator.getInstance("X25519");
                kpg.initialize(255, random);
            } else {
                kpg = KeyPairGenerator.getInstance("EC");
                kpg.initialize(new ECGenParameterSpec("secp256r1"), random);
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
            if (this == X25519) {
                KeyFactory kf = KeyFactory.getInstance("X25519");
                return new JdkKeyExchange(
                        this,
                        new KeyPair(
                                kf.generatePublic(
                                        new X509EncodedKeySpec(
                                                concat(X25519_SPKI_PREFIX, publicKey))),
                                kf.generatePrivate(new PKCS8EncodedKeySpec(pkcs8))));
            }
            KeyFactory kf = KeyFactory.getInstance("EC");
            java.security.interfaces.ECPrivateKey priv =
                    (java.security.interfaces.ECPrivateKey)
                            kf.generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            return new JdkKeyExchange(
                    this,
                    new KeyPair(JdkKeyExchange.decodeP256(publicKey, priv.getParams()), priv));
        } catch (GeneralSecurityException | TlsAlertException | RuntimeException e) {
            throw new IllegalArgumentException("bad " + this + " key", e);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
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
            if (group == X25519) {
                byte[] spki = keyPair.getPublic().getEncoded();
                return Arrays.copyOfRange(spki, spki.length - 32, spki.length);
            }
            ECPoint w = ((ECPublicKey) keyPair.getPublic()).getW();
            byte[] out = new byte[65];
            out[0] = 4;
            fixed(w.getAffineX(), out, 1);
            fixed(w.getAffineY(), out, 33);
            return out;
        }

        @Override
        public byte[] exportPrivateKey() {
            return keyPair.getPrivate().getEncoded();
        }

        @Override
        public byte[] agree(byte[] peer) throws TlsAlertException {
            try {
                PublicKey peerKey;
                KeyAgreement ka;
                if (group == X25519) {
                    if (peer.length != 32) {
                        throw TlsAlertException.illegalParameter("X25519 share must be 32 bytes");
                    }
                    peerKey =
                            KeyFactory.getInstance("X25519")
                                    .generatePublic(
                                            new X509EncodedKeySpec(
                                                    concat(X25519_SPKI_PREFIX, peer)));
                    ka = KeyAgreement.getInstance("X25519");
                } else {
                    peerKey = decodeP256(peer, ((ECPublicKey) keyPair.getPublic()).getParams());
                    ka = KeyAgreement.getInstance("ECDH");
                }
                ka.init(keyPair.getPrivate());
                ka.doPhase(peerKey, true);
                byte[] secret = ka.generateSecret();
                if (isZero(secret)) {
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

        private static PublicKey decodeP256(byte[] peer, ECParameterSpec params)
                throws GeneralSecurityException, TlsAlertException {
            // RFC 8446 §4.2.8.2: uncompressed point only; it must lie on the curve.
            if (peer.length != 65 || peer[0] != 4) {
                throw TlsAlertException.illegalParameter(
                        "P-256 share must be an uncompressed point");
            }
            BigInteger x = new BigInteger(1, Arrays.copyOfRange(peer, 1, 33));
            BigInteger y = new BigInteger(1, Arrays.copyOfRange(peer, 33, 65));
            EllipticCurve curve = params.getCurve();
            BigInteger p = ((ECFieldFp) curve.getField()).getP();
            if (x.compareTo(p) >= 0 || y.compareTo(p) >= 0) {
                throw TlsAlertException.illegalParameter("P-256 coordinate out of range");
            }
            BigInteger lhs = y.multiply(y).mod(p);
            BigInteger rhs = x.pow(3).add(curve.getA().multiply(x)).add(curve.getB()).mod(p);
            if (!lhs.equals(rhs)) {
                throw TlsAlertException.illegalParameter("P-256 point not on curve");
            }
            return KeyFactory.getInstance("EC")
                    .generatePublic(new ECPublicKeySpec(new ECPoint(x, y), params));
        }

        private static void fixed(BigInteger v, byte[] out, int off) {
            byte[] b = v.toByteArray();
            int n = Math.min(b.length, 32);
            System.arraycopy(b, b.length - n, out, off + 32 - n, n);
        }
    }
}
