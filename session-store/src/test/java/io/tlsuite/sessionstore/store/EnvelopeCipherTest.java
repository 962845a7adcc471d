package io.tlsuite.sessionstore.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class EnvelopeCipherTest {

    static final String K1 = "k1:" + Base64.getEncoder().encodeToString(new byte[32]);
    static final String K2 = "k2:" + Base64.getEncoder().encodeToString(filled(32, 9));

    @Test
    void sealsAndOpensWithoutLeakingThePlaintext() {
        EnvelopeCipher cipher = EnvelopeCipher.fromSpec(K1, null);
        byte[] plain = "traffic secret".getBytes(StandardCharsets.UTF_8);
        byte[] sealed = cipher.seal(plain, "session:a");
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1))
                .doesNotContain("traffic secret");
        assertThat(cipher.open(sealed, "session:a")).isEqualTo(plain);
        assertThat(cipher.seal(plain, "session:a")).isNotEqualTo(sealed); // fresh nonce
    }

    @Test
    void aBlobDoesNotOpenForAnotherContextOrWhenTampered() {
        EnvelopeCipher cipher = EnvelopeCipher.fromSpec(K1, null);
        byte[] sealed = cipher.seal(new byte[] {1, 2, 3}, "session:a");
        assertThatThrownBy(() -> cipher.open(sealed, "session:b"))
                .isInstanceOf(IllegalStateException.class);
        sealed[sealed.length - 1] ^= 1;
        assertThatThrownBy(() -> cipher.open(sealed, "session:a"))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void rotationOpensOldBlobsAndSealsNewOnesWithTheActiveKey() {
        EnvelopeCipher old = EnvelopeCipher.fromSpec(K1, null);
        byte[] sealedOld = old.seal(new byte[] {4, 5}, "ctx");
        EnvelopeCipher rotated = EnvelopeCipher.fromSpec(K2 + "," + K1, null);

        assertThat(rotated.activeKeyId()).isEqualTo("k2");
        assertThat(rotated.open(sealedOld, "ctx")).containsExactly(4, 5);
        assertThat(rotated.isCurrent(sealedOld)).isFalse();
        byte[] sealedNew = rotated.seal(new byte[] {4, 5}, "ctx");
        assertThat(EnvelopeCipher.keyIdOf(sealedNew)).isEqualTo("k2");
        assertThat(rotated.isCurrent(sealedNew)).isTrue();

        EnvelopeCipher retired = EnvelopeCipher.fromSpec(K2, null);
        assertThatThrownBy(() -> retired.open(sealedOld, "ctx"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("k1");
    }

    @Test
    void eachBlobHasItsOwnNonceAndThreadsSealAndOpenInParallel() throws Exception {
        EnvelopeCipher cipher = EnvelopeCipher.fromSpec(K1, null);
        byte[] a = cipher.seal(new byte[] {7, 7}, "ctx");
        byte[] b = cipher.seal(new byte[] {7, 7}, "ctx");
        assertThat(a).isNotEqualTo(b);
        java.util.concurrent.ExecutorService pool =
                java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            java.util.List<java.util.concurrent.Future<Boolean>> results =
                    new java.util.ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int n = t;
                results.add(
                        pool.submit(
                                () -> {
                                    for (int i = 0; i < 500; i++) {
                                        byte[] plain = {(byte) n, (byte) i, 1, 2, 3};
                                        String ctx = "session:" + n + "-" + i;
                                        byte[] sealed = cipher.seal(plain, ctx);
                                        if (!java.util.Arrays.equals(
                                                cipher.open(sealed, ctx), plain)) {
                                            return false;
                                        }
                                    }
                                    return true;
                                }));
            }
            for (var r : results) {
                assertThat(r.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aBlobThatFailsToOpenLeavesTheCipherUsable() {
        EnvelopeCipher cipher = EnvelopeCipher.fromSpec(K1, null);
        byte[] sealed = cipher.seal(new byte[] {1, 2, 3}, "session:a");
        assertThatThrownBy(() -> cipher.open(sealed, "session:b"))
                .isInstanceOf(IllegalStateException.class);
        assertThat(cipher.open(sealed, "session:a")).containsExactly(1, 2, 3);
        byte[] again = cipher.seal(new byte[] {4}, "session:c");
        assertThat(cipher.open(again, "session:c")).containsExactly(4);
    }

    @Test
    void refusesBadKeySpecs() {
        assertThatThrownBy(() -> EnvelopeCipher.fromSpec("k1:notbase64!", null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(
                        () ->
                                EnvelopeCipher.fromSpec(
                                        "k1:" + Base64.getEncoder().encodeToString(new byte[7]),
                                        null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EnvelopeCipher.fromSpec(K1, "k9"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(EnvelopeCipher.fromSpec(K1, null).toString()).doesNotContain(K1.substring(3));
    }

    static byte[] filled(int n, int v) {
        byte[] b = new byte[n];
        java.util.Arrays.fill(b, (byte) v);
        return b;
    }
}
