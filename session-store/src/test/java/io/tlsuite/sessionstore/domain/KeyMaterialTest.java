package io.tlsuite.sessionstore.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KeyMaterialTest {

    @Test
    void encodesAndDecodesEveryNamedKey() {
        KeyMaterial keys =
                KeyMaterial.adopt(Map.of("client", bytes(32, 1), "server", bytes(48, 2)));
        byte[] encoded = keys.encode();
        KeyMaterial back = KeyMaterial.decode(encoded);
        assertThat(back.names()).containsExactlyInAnyOrder("client", "server");
        assertThat(back.get("client")).isEqualTo(bytes(32, 1));
        assertThat(back.get("server")).isEqualTo(bytes(48, 2));
        assertThat(back.totalBytes()).isEqualTo(80);
    }

    @Test
    void destroyOverwritesTheArraysTheCallerHandedOver() {
        byte[] secret = bytes(32, 7);
        Map<String, byte[]> map = new LinkedHashMap<>();
        map.put("traffic", secret);
        KeyMaterial keys = KeyMaterial.adopt(map);

        KeyMaterial.Destruction d = keys.destroy();

        assertThat(d.keys()).isEqualTo(1);
        assertThat(d.bytes()).isEqualTo(32);
        assertThat(secret).containsOnly(0);
        assertThat(keys.destroy().keys()).isZero();
        assertThatThrownBy(() -> keys.get("traffic")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void toStringShowsNoKeyByte() {
        KeyMaterial keys = KeyMaterial.adopt(Map.of("k", "SECRETSECRET".getBytes()));
        assertThat(keys.toString()).doesNotContain("SECRET").contains("redacted");
    }

    @Test
    void refusesOversizedOrEmptyKeys() {
        assertThatThrownBy(() -> KeyMaterial.adopt(Map.of("k", new byte[0])))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(
                        () ->
                                KeyMaterial.adopt(
                                        Map.of("k", new byte[KeyMaterial.MAX_KEY_BYTES + 1])))
                .isInstanceOf(IllegalArgumentException.class);
    }

    static byte[] bytes(int n, int value) {
        byte[] b = new byte[n];
        java.util.Arrays.fill(b, (byte) value);
        return b;
    }
}
