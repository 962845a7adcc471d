package io.tlsuite.protocol.crypto;

import java.util.Arrays;

/**
 * The TLS 1.3 key schedule (RFC 8446 §7.1): early, handshake and master secrets and the secrets
 * derived from them. Holds secrets: {@link #destroy()} zeroises them; {@code toString} never shows
 * them.
 */
public final class KeySchedule {
    private final CipherSuite suite;
    private final Hkdf hkdf;
    private final byte[] emptyHash;
    private byte[] earlySecret;
    private byte[] handshakeSecret;
    private byte[] masterSecret;

    /** Starts the schedule; {@code psk} is null for a full handshake (RFC 8446 §7.1: zeros). */
    public KeySchedule(CipherSuite suite, byte[] psk) {
        this.suite = suite;
        this.hkdf = new Hkdf(suite.hash());
        this.emptyHash = suite.hash().emptyHash();
        int n = suite.hash().length();
        this.earlySecret = hkdf.extract(new byte[n], psk == null ? new byte[n] : psk);
    }

    /** A schedule that continues at the master secret (a handshake moved to another engine). */
    public static KeySchedule atMasterSecret(CipherSuite suite, byte[] masterSecret) {
        KeySchedule ks = new KeySchedule(suite, null);
        ks.masterSecret = masterSecret.clone();
        return ks;
    }

    public CipherSuite suite() {
        return suite;
    }

    public byte[] earlySecret() {
        return earlySecret.clone();
    }

    /** binder_key for resumption PSKs (RFC 8446 §7.1 "res binder"). */
    public byte[] resumptionBinderKey() {
        return hkdf.deriveSecret(earlySecret, "res binder", emptyHash);
    }

    /** Mixes in the (EC)DHE shared secret and returns the handshake secret. */
    public void deriveHandshakeSecret(byte[] sharedSecret) {
        byte[] salt = hkdf.deriveSecret(earlySecret, "derived", emptyHash);
        handshakeSecret = hkdf.extract(salt, sharedSecret);
        Arrays.fill(salt, (byte) 0);
    }

    public byte[] handshakeSecret() {
        return handshakeSecret.clone();
    }

    public byte[] clientHandshakeTrafficSecret(byte[] helloHash) {
        return hkdf.deriveSecret(handshakeSecret, "c hs traffic", helloHash);
    }

    public byte[] serverHandshakeTrafficSecret(byte[] helloHash) {
        return hkdf.deriveSecret(handshakeSecret, "s hs traffic", helloHash);
    }

    public void deriveMasterSecret() {
        byte[] salt = hkdf.deriveSecret(handshakeSecret, "derived", emptyHash);
        masterSecret = hkdf.extract(salt, new byte[suite.hash().length()]);
        Arrays.fill(salt, (byte) 0);
    }

    public byte[] masterSecret() {
        return masterSecret.clone();
    }

    public byte[] clientApplicationTrafficSecret(byte[] serverFinishedHash) {
        return hkdf.deriveSecret(masterSecret, "c ap traffic", serverFinishedHash);
    }

    public byte[] serverApplicationTrafficSecret(byte[] serverFinishedHash) {
        return hkdf.deriveSecret(masterSecret, "s ap traffic", serverFinishedHash);
    }

    public byte[] exporterMasterSecret(byte[] serverFinishedHash) {
        return hkdf.deriveSecret(masterSecret, "exp master", serverFinishedHash);
    }

    public byte[] resumptionMasterSecret(byte[] clientFinishedHash) {
        return hkdf.deriveSecret(masterSecret, "res master", clientFinishedHash);
    }

    /** RFC 8446 §4.4.4: finished_key = HKDF-Expand-Label(BaseKey, "finished", "", Hash.length). */
    public byte[] finishedKey(byte[] baseKey) {
        return hkdf.expandLabel(baseKey, "finished", new byte[0], suite.hash().length());
    }

    /** RFC 8446 §4.4.4: verify_data = HMAC(finished_key, Transcript-Hash). */
    public byte[] verifyData(byte[] baseKey, byte[] transcriptHash) {
        byte[] key = finishedKey(baseKey);
        byte[] out = hkdf.hmac(key, transcriptHash);
        Arrays.fill(key, (byte) 0);
        return out;
    }

    /** RFC 8446 §7.3: the write key and IV of a traffic secret. */
    public TrafficKeys trafficKeys(byte[] trafficSecret) {
        return new TrafficKeys(
                hkdf.expandLabel(trafficSecret, "key", new byte[0], suite.aead().keyLength()),
                hkdf.expandLabel(trafficSecret, "iv", new byte[0], AeadAlgorithm.IV_LENGTH));
    }

    /** RFC 8446 §7.2: application_traffic_secret_N+1. */
    public byte[] nextTrafficSecret(byte[] trafficSecret) {
        return hkdf.expandLabel(trafficSecret, "traffic upd", new byte[0], suite.hash().length());
    }

    /** RFC 8446 §4.6.1: the PSK of a ticket. */
    public byte[] resumptionPsk(byte[] resumptionMasterSecret, byte[] ticketNonce) {
        return hkdf.expandLabel(
                resumptionMasterSecret, "resumption", ticketNonce, suite.hash().length());
    }

    /** RFC 8446 §7.5: TLS-Exporter(label, context_value, key_length). */
    public static byte[] exporter(
            CipherSuite suite,
            byte[] exporterMasterSecret,
            String label,
            byte[] context,
            int length) {
        Hkdf h = new Hkdf(suite.hash());
        byte[] empty = suite.hash().emptyHash();
        byte[] secret = h.expandLabel(exporterMasterSecret, label, empty, suite.hash().length());
        byte[] out = h.expandLabel(secret, "exporter", suite.hash().digest(context), length);
        Arrays.fill(secret, (byte) 0);
        return out;
    }

    public void destroy() {
        for (byte[] b : new byte[][] {earlySecret, handshakeSecret, masterSecret}) {
            if (b != null) {
                Arrays.fill(b, (byte) 0);
            }
        }
    }

    @Override
    public String toString() {
        return "KeySchedule[" + suite + ", secrets redacted]";
    }
}
