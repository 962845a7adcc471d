package io.tlsuite.protocol.crypto;

import io.tlsuite.protocol.alert.AlertDescription;
import io.tlsuite.protocol.alert.TlsAlertException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECPoint;
import java.util.Arrays;
import javax.crypto.KeyAgreement;
import javax.crypto.interfaces.DHPublicKey;

/** A key pair of the JDK's providers and their KeyAgreement. */
final class JdkKeyExchange implements KeyExchange {
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
        int n = group.elementLength();
        switch (group.kind()) {
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
            PublicKey peerKey = NamedGroup.decodeShare(group, peer);
            KeyAgreement ka =
                    KeyAgreement.getInstance(
                            switch (group.kind()) {
                                case XDH -> group.jcaName();
                                case EC -> "ECDH";
                                default -> "DiffieHellman";
                            });
            ka.init(keyPair.getPrivate());
            ka.doPhase(peerKey, true);
            byte[] secret = ka.generateSecret();
            if (group.kind() == NamedGroup.Kind.FFDHE && secret.length < group.elementLength()) {
                // RFC 8446 §7.4.1: Z keeps the prime's length (leading zeros).
                byte[] padded = new byte[group.elementLength()];
                System.arraycopy(secret, 0, padded, padded.length - secret.length, secret.length);
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
            throw new TlsAlertException(AlertDescription.ILLEGAL_PARAMETER, "invalid key share", e);
        }
    }

    static boolean isZero(byte[] b) {
        int acc = 0;
        for (byte x : b) {
            acc |= x;
        }
        return acc == 0;
    }

    static void fixed(BigInteger v, byte[] out, int off, int len) {
        byte[] b = v.toByteArray();
        int n = Math.min(b.length, len);
        System.arraycopy(b, b.length - n, out, off + len - n, n);
    }
}
