package io.tlsuite.ca.domain;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.BERTags;
import org.bouncycastle.asn1.x509.Time;

/**
 * A certificate's notBefore or notAfter (RFC 5280 §4.1.2.5): UTCTime for the years 1950 to 2049,
 * GeneralizedTime otherwise, to the second, in UTC ({@code Z}). The same encoding as Bouncy
 * Castle's {@code new Time(Date)}, which builds two {@code SimpleDateFormat}s per call and then
 * parses its own output again; this formats with a shared, thread-safe {@link DateTimeFormatter}.
 */
public final class ValidityTime {

    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("uuuuMMddHHmmss").withZone(ZoneOffset.UTC);

    private ValidityTime() {}

    public static Time of(Instant instant) {
        int year = ZonedDateTime.ofInstant(instant, ZoneOffset.UTC).getYear();
        if (year < 1950 || year > 9999) {
            // BC's own way: its SimpleDateFormat counts dates before 1583 in the Julian calendar.
            return new Time(Date.from(instant));
        }
        String digits = FORMAT.format(instant) + "Z";
        boolean utcTime = year >= 1950 && year <= 2049; // RFC 5280 §4.1.2.5.1
        byte[] text = (utcTime ? digits.substring(2) : digits).getBytes(StandardCharsets.US_ASCII);
        byte[] der = new byte[2 + text.length];
        der[0] = (byte) (utcTime ? BERTags.UTC_TIME : BERTags.GENERALIZED_TIME);
        der[1] = (byte) text.length;
        System.arraycopy(text, 0, der, 2, text.length);
        try {
            return new Time(ASN1Primitive.fromByteArray(der));
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode " + instant, e);
        }
    }
}
