package io.tlsuite.ca.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.ASN1UTCTime;
import org.bouncycastle.asn1.x509.Time;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * notBefore / notAfter encode exactly as Bouncy Castle's {@code new Time(Date)} (RFC 5280
 * §4.1.2.5).
 */
class ValidityTimeTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2026-12-02T12:34:56Z",
                "1970-01-01T00:00:00Z",
                "1950-01-01T00:00:00Z",
                "1949-12-31T23:59:59Z",
                "2049-12-31T23:59:59Z",
                "2050-01-01T00:00:00Z",
                "2126-07-15T08:09:10Z",
                "9999-12-31T23:59:59Z",
                "1200-06-01T00:00:00Z"
            })
    void encodesLikeBouncyCastlesTime(String text) throws Exception {
        Instant instant = Instant.parse(text);
        Time fast = ValidityTime.of(instant);
        assertThat(fast.getEncoded()).isEqualTo(new Time(Date.from(instant)).getEncoded());
        assertThat(fast.getDate().toInstant()).isEqualTo(instant);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1950-01-01T00:00:00Z", "2049-12-31T23:59:59Z"})
    void utcTimeFrom1950Through2049(String text) {
        assertThat(ValidityTime.of(Instant.parse(text)).toASN1Primitive())
                .isInstanceOf(ASN1UTCTime.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1949-12-31T23:59:59Z", "2050-01-01T00:00:00Z"})
    void generalizedTimeOtherwise(String text) {
        assertThat(ValidityTime.of(Instant.parse(text)).toASN1Primitive())
                .isInstanceOf(ASN1GeneralizedTime.class);
    }
}
