package io.tlsuite.ca.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SerialNumbersAndKeyTypesTest {

    @Test
    void serialsArePositiveAtLeast64BitsAtMost20OctetsAndDistinct() {
        Set<BigInteger> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            BigInteger serial = SerialNumbers.next();
            assertThat(serial.signum()).isPositive();
            assertThat(serial.bitLength()).isBetween(64, 127);
            assertThat(serial.toByteArray().length).isLessThanOrEqualTo(20);
            assertThat(seen.add(serial)).isTrue();
        }
    }

    @Test
    void serialsRoundTripAsLowerCaseHex() {
        BigInteger serial = SerialNumbers.next();
        String hex = SerialNumbers.hex(serial);
        assertThat(hex).matches("[0-9a-f]+");
        assertThat(SerialNumbers.parse(hex.toUpperCase())).isEqualTo(serial);
        assertThat(SerialNumbers.parse("0x0a:0B")).isEqualTo(BigInteger.valueOf(0x0a0b));
        assertThatThrownBy(() -> SerialNumbers.parse("xyz")).isInstanceOf(CaProblem.class);
    }

    @Test
    void keyTypesParseFromTheUsualSpellings() {
        assertThat(KeyType.parse("EC_P256")).isEqualTo(KeyType.EC_P256);
        assertThat(KeyType.parse("p-384")).isEqualTo(KeyType.EC_P384);
        assertThat(KeyType.parse("rsa-3072")).isEqualTo(KeyType.RSA_3072);
        assertThat(KeyType.parse("Ed25519")).isEqualTo(KeyType.ED25519);
        assertThatThrownBy(() -> KeyType.parse("DSA")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void reasonsUseTheRfc5280Names() {
        assertThat(RevocationReason.parse("keyCompromise").code()).isEqualTo(1);
        assertThat(RevocationReason.parse("CESSATIONOFOPERATION").code()).isEqualTo(5);
        assertThat(RevocationReason.parse(null)).isEqualTo(RevocationReason.UNSPECIFIED);
        assertThatThrownBy(() -> RevocationReason.parse("removeFromCRL"))
                .isInstanceOf(CaProblem.class);
    }

    @Test
    void wildcardsMatchExactlyOneLabel() {
        assertThat(ChainValidator.dnsMatches("*.w.test", "a.w.test")).isTrue();
        assertThat(ChainValidator.dnsMatches("*.w.test", "w.test")).isFalse();
        assertThat(ChainValidator.dnsMatches("*.w.test", "a.b.w.test")).isFalse();
        assertThat(ChainValidator.dnsMatches("v.test", "v.test")).isTrue();
    }
}
