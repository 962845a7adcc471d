package io.tlsuite.protocol.cert;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * Matches a host name or IP literal against a certificate's subjectAltName (RFC 6125, RFC 9525).
 */
public final class HostnameMatcher {
    private HostnameMatcher() {}

    private static final int SAN_DNS = 2;
    private static final int SAN_IP = 7;

    public static boolean matches(X509Certificate cert, String name) {
        Collection<List<?>> sans;
        try {
            sans = cert.getSubjectAlternativeNames();
        } catch (CertificateParsingException e) {
            return false;
        }
        if (sans == null) {
            return false;
        }
        boolean ip = isIpLiteral(name);
        for (List<?> san : sans) {
            int type = (Integer) san.get(0);
            String value = String.valueOf(san.get(1));
            if (ip && type == SAN_IP && sameAddress(value, name)) {
                return true;
            }
            if (!ip && type == SAN_DNS && dnsMatches(value, name)) {
                return true;
            }
        }
        return false;
    }

    public static boolean isIpLiteral(String name) {
        return name.matches("[0-9.]+") || name.contains(":");
    }

    private static boolean sameAddress(String a, String b) {
        try {
            return InetAddress.getByName(a).equals(InetAddress.getByName(b));
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** Exact match, or a wildcard only as the whole left-most label ({@code *.example.com}). */
    static boolean dnsMatches(String pattern, String host) {
        String p = stripDot(pattern.toLowerCase(Locale.ROOT));
        String h = stripDot(host.toLowerCase(Locale.ROOT));
        if (p.equals(h)) {
            return true;
        }
        if (p.startsWith("*.") && p.indexOf('*', 1) < 0) {
            int dot = h.indexOf('.');
            return dot > 0 && h.substring(dot).equals(p.substring(1)) && p.split("\\.").length >= 3;
        }
        return false;
    }

    private static String stripDot(String s) {
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }
}
