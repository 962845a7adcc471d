package io.tlsuite.handshake.stapling;

import java.time.Duration;
import java.time.Instant;

/**
 * An OCSP response as fetched and checked: the DER of the whole OCSPResponse (what is stapled), its
 * validity window and the certificate status it states ({@code good}, {@code revoked}, {@code
 * unknown}). No secret.
 */
record FetchedResponse(byte[] der, Instant thisUpdate, Instant nextUpdate, String status) {

    /** Whether it may still be stapled at {@code now} (RFC 6960 §4.2.2.1: not past nextUpdate). */
    boolean freshAt(Instant now) {
        return now.isBefore(nextUpdate);
    }

    /**
     * When to fetch the next one: {@code before} ahead of nextUpdate, but at most half-way through
     * the window so short-lived responses are renewed in time, and never before {@code earliest}.
     */
    Instant refreshAt(Duration before, Instant earliest) {
        Duration half = Duration.between(thisUpdate, nextUpdate).dividedBy(2);
        Instant at = nextUpdate.minus(before.compareTo(half) < 0 ? before : half);
        return at.isBefore(earliest) ? earliest : at;
    }
}
