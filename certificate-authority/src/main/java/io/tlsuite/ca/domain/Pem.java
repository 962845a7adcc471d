package io.tlsuite.ca.domain;

import java.io.IOException;
import java.io.StringReader;
import java.security.cert.CertificateException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMParser;

/** PEM (RFC 7468) encoding and decoding of certificates and CRLs. */
public final class Pem {

    private static final Base64.Encoder ENCODER = Base64.getMimeEncoder(64, new byte[] {'\n'});

    private Pem() {}

    public static String encode(String label, byte[] der) {
        return "-----BEGIN "
                + label
                + "-----\n"
                + ENCODER.encodeToString(der)
                + "\n-----END "
                + label
                + "-----\n";
    }

    public static String certificate(X509Certificate certificate) {
        try {
            return encode("CERTIFICATE", certificate.getEncoded());
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String crl(X509CRL crl) {
        try {
            return encode("X509 CRL", crl.getEncoded());
        } catch (java.security.cert.CRLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * All certificates of a PEM text, in order.
     *
     * @throws CaProblem {@link CaProblems#MALFORMED_CHAIN} when there is none or one is broken
     */
    public static List<X509Certificate> certificates(String pem) {
        if (pem == null || pem.isBlank()) {
            throw new CaProblem(CaProblems.MALFORMED_CHAIN, "no PEM certificate given");
        }
        List<X509Certificate> result = new ArrayList<>();
        JcaX509CertificateConverter converter =
                new JcaX509CertificateConverter().setProvider(BouncyCastle.PROVIDER);
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            Object object;
            while ((object = parser.readObject()) != null) {
                if (!(object instanceof X509CertificateHolder holder)) {
                    throw new CaProblem(
                            CaProblems.MALFORMED_CHAIN,
                            "expected only CERTIFICATE blocks, found "
                                    + object.getClass().getSimpleName());
                }
                result.add(converter.getCertificate(holder));
            }
        } catch (IOException | CertificateException | RuntimeException e) {
            if (e instanceof CaProblem problem) {
                throw problem;
            }
            throw new CaProblem(CaProblems.MALFORMED_CHAIN, "the PEM certificates are malformed");
        }
        if (result.isEmpty()) {
            throw new CaProblem(CaProblems.MALFORMED_CHAIN, "no PEM certificate found");
        }
        return result;
    }
}
