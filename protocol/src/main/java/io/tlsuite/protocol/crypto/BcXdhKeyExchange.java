package io.tlsuite.protocol.crypto;

import io.tlsuite.protocol.alert.TlsAlertException;
import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.math.ec.rfc7748.X25519;
import org.bouncycastle.math.ec.rfc7748.X448;

/**
 * X25519 or X448 (RFC 7748) with Bouncy Castle's constant-time ladder. The private scalar is wiped
 * after the one agreement an ephemeral key is for; the key cannot be used or exported after that.
 */
final class BcXdhKeyExchange implements KeyExchange {
    private final NamedGroup group;
    private final byte[] publicKey;
    private byte[] scalar;

    private BcXdhKeyExchange(NamedGroup group, byte[] scalar, byte[] publicKey) {
        this.group = group;
        this.scalar = scalar;
        this.publicKey = publicKey;
    }

    static BcXdhKeyExchange generate(NamedGroup group, SecureRandom random) {
        byte[] k = new byte[group.elementLength()];
        byte[] pub = new byte[group.elementLength()];
        if (group == NamedGroup.X25519) {
            X25519.generatePrivateKey(random, k);
            X25519.generatePublicKey(k, 0, pub, 0);
        } else {
            X448.generatePrivateKey(random, k);
            X448.generatePublicKey(k, 0, pub, 0);
        }
        return new BcXdhKeyExchange(group, k, pub);
    }

    /** Takes copies of a given scalar and public key (a restored or published key pair). */
    static BcXdhKeyExchange of(NamedGroup group, byte[] scalar, byte[] publicKey) {
        int n = group.elementLength();
        if (scalar.length != n || publicKey.length != n) {
            throw new IllegalArgumentException("bad " + group + " key: " + n + " bytes expected");
        }
        return new BcXdhKeyExchange(group, scalar.clone(), publicKey.clone());
    }

    @Override
    public NamedGroup group() {
        return group;
    }

    @Override
    public byte[] publicKey() {
        return publicKey.clone();
    }

    @Override
    public byte[] agree(byte[] peer) throws TlsAlertException {
        int n = group.elementLength();
        if (peer.length != n) {
            throw TlsAlertException.illegalParameter(group + " share must be " + n + " bytes");
        }
        byte[] k = take();
        byte[] secret = new byte[n];
        boolean nonZero;
        try {
            nonZero =
                    group == NamedGroup.X25519
                            ? X25519.calculateAgreement(k, 0, peer, 0, secret, 0)
                            : X448.calculateAgreement(k, 0, peer, 0, secret, 0);
        } finally {
            Arrays.fill(k, (byte) 0);
        }
        if (!nonZero) {
            // RFC 7748 §6: an all-zero result means a small-order point.
            Arrays.fill(secret, (byte) 0);
            throw TlsAlertException.illegalParameter("all-zero shared secret");
        }
        return secret;
    }

    @Override
    public byte[] exportPrivateKey() {
        byte[] k = scalar;
        if (k == null) {
            throw new IllegalStateException(group + " key already used and wiped");
        }
        return NamedGroup.concat(
                group == NamedGroup.X25519
                        ? NamedGroup.X25519_PKCS8_PREFIX
                        : NamedGroup.X448_PKCS8_PREFIX,
                k);
    }

    private synchronized byte[] take() {
        byte[] k = scalar;
        if (k == null) {
            throw new IllegalStateException(group + " key already used and wiped");
        }
        scalar = null;
        return k;
    }
}
