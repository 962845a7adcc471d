package io.tlsuite.protocol.crypto.tls12;

import io.tlsuite.protocol.crypto.HashAlgorithm;
import io.tlsuite.protocol.crypto.Tls12CipherSuite;
import java.util.Arrays;

/**
 * The TLS 1.2 secrets of one connection: master secret (RFC 5246 §8.1, or the extended master
 * secret of RFC 7627 §4), key block for AEAD suites (RFC 5246 §6.3) and Finished verify_data (RFC
 * 5246 §7.4.9). Every derivation is the suite's PRF ({@link Tls12Prf}).
 */
public final class Tls12KeySchedule {
    public static final int MASTER_SECRET_LENGTH = 48;
    public static final int VERIFY_DATA_LENGTH = 12;
    public static final int RANDOM_LENGTH = 32;

    private Tls12KeySchedule() {}

    /**
     * The extended master secret (RFC 7627 §4): {@code PRF(pre_master_secret, "extended master
     * secret", session_hash)[0..47]}, where {@code session_hash} is the transcript hash up to and
     * including the ClientKeyExchange. The only master secret the engine will use when the peer
     * supports extended_master_secret.
     */
    public static byte[] extendedMasterSecret(
            HashAlgorithm hash, byte[] preMasterSecret, byte[] sessionHash) {
        return Tls12Prf.prf(
                hash, preMasterSecret, "extended master secret", sessionHash, MASTER_SECRET_LENGTH);
    }

    /**
     * The RFC 5246 §8.1 master secret: {@code PRF(pre_master_secret, "master secret",
     * ClientHello.random + ServerHello.random)[0..47]}. Kept for peers without
     * extended_master_secret (and as the cross-check of the PRF wiring).
     */
    public static byte[] masterSecret(
            HashAlgorithm hash, byte[] preMasterSecret, byte[] clientRandom, byte[] serverRandom) {
        return Tls12Prf.prf(
                hash,
                preMasterSecret,
                "master secret",
                concat(randoms(clientRandom, serverRandom)),
                MASTER_SECRET_LENGTH);
    }

    /**
     * The key block of an AEAD suite (RFC 5246 §6.3; no MAC keys): {@code PRF(master_secret, "key
     * expansion", server_random + client_random)} cut into client write key, server write key,
     * client write IV, server write IV, with the suite's key and fixed IV lengths.
     */
    public static KeyBlock keyBlock(
            Tls12CipherSuite suite, byte[] masterSecret, byte[] clientRandom, byte[] serverRandom) {
        checkMaster(masterSecret);
        int keyLength = suite.aead().keyLength();
        int ivLength = suite.fixedIvLength();
        byte[] block =
                Tls12Prf.prf(
                        suite.hash(),
                        masterSecret,
                        "key expansion",
                        concat(randoms(serverRandom, clientRandom)),
                        2 * keyLength + 2 * ivLength);
        try {
            int p = 0;
            byte[] clientKey = Arrays.copyOfRange(block, p, p += keyLength);
            byte[] serverKey = Arrays.copyOfRange(block, p, p += keyLength);
            byte[] clientIv = Arrays.copyOfRange(block, p, p += ivLength);
            byte[] serverIv = Arrays.copyOfRange(block, p, p + ivLength);
            return new KeyBlock(clientKey, serverKey, clientIv, serverIv);
        } finally {
            Arrays.fill(block, (byte) 0);
        }
    }

    /**
     * Finished verify_data (RFC 5246 §7.4.9): {@code PRF(master_secret, finished_label,
     * Hash(handshake_messages))[0..11]}, label "client finished" or "server finished".
     */
    public static byte[] verifyData(
            HashAlgorithm hash, byte[] masterSecret, boolean client, byte[] transcriptHash) {
        checkMaster(masterSecret);
        return Tls12Prf.prf(
                hash,
                masterSecret,
                client ? "client finished" : "server finished",
                transcriptHash,
                VERIFY_DATA_LENGTH);
    }

    private static void checkMaster(byte[] masterSecret) {
        if (masterSecret.length != MASTER_SECRET_LENGTH) {
            throw new IllegalArgumentException("master secret must be 48 bytes");
        }
    }

    private static byte[][] randoms(byte[] first, byte[] second) {
        if (first.length != RANDOM_LENGTH || second.length != RANDOM_LENGTH) {
            throw new IllegalArgumentException("randoms must be 32 bytes");
        }
        return new byte[][] {first, second};
    }

    private static byte[] concat(byte[][] parts) {
        byte[] out = new byte[parts[0].length + parts[1].length];
        System.arraycopy(parts[0], 0, out, 0, parts[0].length);
        System.arraycopy(parts[1], 0, out, parts[0].length, parts[1].length);
        return out;
    }

    /**
     * The AEAD write keys and fixed IVs of both directions. Holds secrets: {@link #destroy()} them.
     */
    public record KeyBlock(
            byte[] clientWriteKey,
            byte[] serverWriteKey,
            byte[] clientWriteIv,
            byte[] serverWriteIv) {
        public void destroy() {
            Arrays.fill(clientWriteKey, (byte) 0);
            Arrays.fill(serverWriteKey, (byte) 0);
            Arrays.fill(clientWriteIv, (byte) 0);
            Arrays.fill(serverWriteIv, (byte) 0);
        }

        @Override
        public String toString() {
            return "KeyBlock[keys="
                    + clientWriteKey.length
                    + " bytes, ivs="
                    + clientWriteIv.length
                    + " bytes, redacted]";
        }
    }
}
