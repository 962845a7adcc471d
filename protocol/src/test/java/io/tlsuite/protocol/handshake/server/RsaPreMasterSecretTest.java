package io.tlsuite.protocol.handshake.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsuite.protocol.testing.TestPki;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Cipher;
import org.junit.jupiter.api.Test;

/** RFC 5246 §7.4.7.1: every RSA pre-master failure takes the same, alert-free path. */
class RsaPreMasterSecretTest {
    static final SecureRandom RANDOM = new SecureRandom();
    static final PublicKey PUBLIC = TestPki.Shared.RSA.leaf().getPublicKey();

    static byte[] encrypt(byte[] m) throws Exception {
        Cipher c = Cipher.getInstance("RSA/ECB/PKCS1Padding");
        c.init(Cipher.ENCRYPT_MODE, PUBLIC);
        return c.doFinal(m);
    }

    static byte[] preMaster(int version) {
        byte[] pm = new byte[48];
        RANDOM.nextBytes(pm);
        pm[0] = (byte) (version >>> 8);
        pm[1] = (byte) version;
        return pm;
    }

    static byte[] decrypt(byte[] encrypted) {
        return RsaPreMasterSecret.decrypt(TestPki.Shared.RSA.key(), encrypted, 0x0303, RANDOM);
    }

    @Test
    void rsaPreMasterSecretOfTheRightVersionDecrypts() throws Exception {
        byte[] pm = preMaster(0x0303);
        assertThat(decrypt(encrypt(pm))).isEqualTo(pm);
    }

    @Test
    void rsaPreMasterSecretOfAWrongVersionYieldsADifferentSecretWithoutError() throws Exception {
        byte[] pm = preMaster(0x0302);
        byte[] out = decrypt(encrypt(pm));
        assertThat(out).hasSize(48).isNotEqualTo(pm);
        // client_version || M[2..47]: the client's secret with our version, so Finished fails.
        assertThat(Arrays.copyOfRange(out, 2, 48)).isEqualTo(Arrays.copyOfRange(pm, 2, 48));
        assertThat(out[1]).isEqualTo((byte) 0x03);
    }

    @Test
    void rsaBadPaddingWrongLengthAndGarbageGiveRandomSecrets() throws Exception {
        byte[] good = encrypt(preMaster(0x0303));
        byte[] flipped = good.clone();
        flipped[10] ^= 1;
        byte[] shortSecret = encrypt(new byte[47]);
        byte[] longSecret = encrypt(new byte[49]);
        for (byte[] bad :
                new byte[][] {flipped, shortSecret, longSecret, new byte[3], new byte[0]}) {
            byte[] a = decrypt(bad);
            byte[] b = decrypt(bad);
            assertThat(a).hasSize(48);
            // Fresh randomness each time: nothing about the failure is fixed or observable.
            assertThat(a).isNotEqualTo(b);
        }
    }
}
