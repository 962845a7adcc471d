package io.tlsuite.ca.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** {@code Authorization: Bearer <token>} (RFC 6750 §2.1), compared in constant time. */
final class Bearer {

    private static final String SCHEME = "Bearer ";

    private Bearer() {}

    static boolean matches(String authorization, byte[] token) {
        if (authorization == null
                || authorization.length() > 1024
                || !authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return false;
        }
        byte[] presented =
                authorization.substring(SCHEME.length()).trim().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(presented, token);
    }
}
