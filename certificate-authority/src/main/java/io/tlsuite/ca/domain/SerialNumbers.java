package io.tlsuite.ca.domain;

import java.math.BigInteger;
import java.security.SecureRandom;

/**
 * Random certificate serial numbers: positive, 127 bits of entropy, at most 20 octets as RFC 5280
 * §4.1.2.2 requires. The store's primary key on the serial guarantees uniqueness.
 */
public final class SerialNumbers {

    private static final SecureRandom RANDOM = new SecureRandom();

    private SerialNumbers() {}

    public static BigInteger next() {
        BigInteger serial;
        do {
            serial = new BigInteger(127, RANDOM);
        } while (serial.bitLength() < 64);
        return serial;
    }

    /** Lower-case hex, without leading zeros: the serial's id in the API, store and events. */
    public static String hex(BigInteger serial) {
        return serial.toString(16);
    }

    /**
     * Parses a hex serial as given in a URL ({@code 0x} prefix and colons tolerated).
     *
     * @throws CaProblem {@link CaProblems#UNKNOWN_CERTIFICATE} when it is not hex
     */
    public static BigInteger parse(String hex) {
        String h = hex.trim().replace(":", "");
        if (h.startsWith("0x") || h.startsWith("0X")) {
            h = h.substring(2);
        }
        if (h.isEmpty() || h.length() > 40 || !h.matches("[0-9a-fA-F]+")) {
            // not echoed: it is caller text of any length and content
            throw new CaProblem(
                    CaProblems.UNKNOWN_CERTIFICATE,
                    "serial numbers are 1 to 40 hex digits (colons and 0x tolerated)");
        }
        return new BigInteger(h, 16);
    }
}
