package io.tlsuite.protocol.crypto;

import io.tlsuite.protocol.alert.TlsAlertException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.SecureRandom;
import java.security.spec.ECPrivateKeySpec;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.WNafUtil;
import org.bouncycastle.util.BigIntegers;

/**
 * ECDHE on P-256, P-384 or P-521 with Bouncy Castle's specialised field arithmetic: key generation
 * with the fixed-point comb, the peer's point checked (uncompressed, coordinates below p, on the
 * curve, not the point at infinity), the shared secret the x-coordinate at the field's length (RFC
 * 8446 §7.4.2). The scalar is a BigInteger, which cannot be wiped: the reference is dropped after
 * the one agreement.
 */
final class BcEcKeyExchange implements KeyExchange {
    private final BcCurve curve;
    private final byte[] publicKey;
    private BigInteger d;

    private BcEcKeyExchange(BcCurve curve, BigInteger d, byte[] publicKey) {
        this.curve = curve;
        this.d = d;
        this.publicKey = publicKey;
    }

    static BcEcKeyExchange generate(BcCurve curve, SecureRandom random) {
        BigInteger n = curve.domain().getN();
        int minWeight = n.bitLength() >>> 2;
        BigInteger d;
        do {
            // As Bouncy Castle's own generator: uniform in [1, n-1], low-NAF-weight scalars
            // redrawn.
            d = BigIntegers.createRandomBigInteger(n.bitLength(), random);
        } while (d.signum() == 0 || d.compareTo(n) >= 0 || WNafUtil.getNafWeight(d) < minWeight);
        return new BcEcKeyExchange(curve, d, curve.multiplyBase(d).getEncoded(false));
    }

    /** A restored key pair: the peer-facing public key is checked like any share. */
    static BcEcKeyExchange of(BcCurve curve, BigInteger d, byte[] publicKey)
            throws TlsAlertException {
        decode(curve, publicKey);
        if (d.signum() <= 0 || d.compareTo(curve.domain().getN()) >= 0) {
            throw new IllegalArgumentException("bad " + curve.group() + " private key");
        }
        return new BcEcKeyExchange(curve, d, publicKey.clone());
    }

    /** RFC 8446 §4.2.8.2: uncompressed, each coordinate below p, on the curve. */
    static ECPoint decode(BcCurve curve, byte[] peer) throws TlsAlertException {
        NamedGroup group = curve.group();
        int n = group.elementLength();
        if (peer.length != 1 + 2 * n || peer[0] != 4) {
            throw TlsAlertException.illegalParameter(
                    group + " share must be an uncompressed point");
        }
        ECPoint q;
        try {
            // Rejects coordinates >= p and points off the curve.
            q = curve.curve().decodePoint(peer);
        } catch (IllegalArgumentException e) {
            throw TlsAlertException.illegalParameter(group + " point not on curve");
        }
        if (q.isInfinity() || !q.isValid()) {
            throw TlsAlertException.illegalParameter(group + " point not on curve");
        }
        return q;
    }

    @Override
    public NamedGroup group() {
        return curve.group();
    }

    @Override
    public byte[] publicKey() {
        return publicKey.clone();
    }

    @Override
    public byte[] agree(byte[] peer) throws TlsAlertException {
        ECPoint q = decode(curve, peer);
        BigInteger k = take();
        ECPoint s = q.multiply(k).normalize();
        if (s.isInfinity()) {
            throw TlsAlertException.illegalParameter("shared point at infinity");
        }
        return s.getAffineXCoord().getEncoded();
    }

    @Override
    public byte[] exportPrivateKey() {
        BigInteger k = d;
        if (k == null) {
            throw new IllegalStateException(curve.group() + " key already used");
        }
        try {
            return KeyFactory.getInstance("EC")
                    .generatePrivate(
                            new ECPrivateKeySpec(k, NamedGroup.ecParameters(curve.group())))
                    .getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(curve.group() + " unavailable", e);
        }
    }

    private synchronized BigInteger take() {
        BigInteger k = d;
        if (k == null) {
            throw new IllegalStateException(curve.group() + " key already used");
        }
        d = null;
        return k;
    }
}
