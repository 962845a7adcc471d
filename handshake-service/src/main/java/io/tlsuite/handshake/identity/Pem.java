package io.tlsuite.handshake.identity;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** PEM text (RFC 7468) to and from certificates. */
public final class Pem {
    private Pem() {}

    public static List<X509Certificate> certificates(String pem) throws CertificateException {
        if (pem == null || pem.isBlank()) {
            return List.of();
        }
        CertificateFactory cf = CertificateFactory.getInstance("X.509");
        List<X509Certificate> out = new ArrayList<>();
        for (var c :
                cf.generateCertificates(
                        new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))) {
            out.add((X509Certificate) c);
        }
        return out;
    }

    public static String encode(String label, byte[] der) {
        StringBuilder sb = new StringBuilder("-----BEGIN " + label + "-----\n");
        sb.append(Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der));
        sb.append("\n-----END ").append(label).append("-----\n");
        return sb.toString();
    }

    public static String certificate(X509Certificate cert) {
        try {
            return encode("CERTIFICATE", cert.getEncoded());
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
