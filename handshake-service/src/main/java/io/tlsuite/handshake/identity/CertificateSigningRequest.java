package io.tlsuite.handshake.identity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/**
 * A PKCS#10 request (RFC 2986) for the server's names: the subjectAltName goes in an
 * extensionRequest attribute (RFC 2985 §5.4.2), which is where the CA reads it.
 */
public final class CertificateSigningRequest {
    private CertificateSigningRequest() {}

    /** A CSR signed with SHA-256 and the key pair's own algorithm (ECDSA or RSA). */
    public static String pem(KeyPair keyPair, List<String> dnsNames, List<InetAddress> addresses) {
        if (dnsNames.isEmpty() && addresses.isEmpty()) {
            throw new IllegalArgumentException("a server CSR needs at least one name");
        }
        try {
            List<GeneralName> names = new ArrayList<>();
            for (String dns : dnsNames) {
                names.add(new GeneralName(GeneralName.dNSName, dns));
            }
            for (InetAddress ip : addresses) {
                names.add(new GeneralName(GeneralName.iPAddress, ip.getHostAddress()));
            }
            ExtensionsGenerator ext = new ExtensionsGenerator();
            ext.addExtension(
                    Extension.subjectAlternativeName,
                    false,
                    new GeneralNames(names.toArray(GeneralName[]::new)));
            String cn = dnsNames.isEmpty() ? addresses.get(0).getHostAddress() : dnsNames.get(0);
            // DER order O, OU, CN: printed (RFC 4514, reversed) as CN=...,OU=...,O=...
            PKCS10CertificationRequest csr =
                    new JcaPKCS10CertificationRequestBuilder(
                                    new X500Name("O=TLS Suite,OU=handshake-service,CN=" + cn),
                                    keyPair.getPublic())
                            .addAttribute(
                                    PKCSObjectIdentifiers.pkcs_9_at_extensionRequest,
                                    ext.generate())
                            .build(
                                    new JcaContentSignerBuilder(signatureFor(keyPair))
                                            .build(keyPair.getPrivate()));
            return Pem.encode("CERTIFICATE REQUEST", csr.getEncoded());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (OperatorCreationException e) {
            throw new IllegalStateException("cannot sign the CSR", e);
        }
    }

    private static String signatureFor(KeyPair keyPair) {
        return switch (keyPair.getPublic().getAlgorithm()) {
            case "EC" -> "SHA256withECDSA";
            case "RSA" -> "SHA256withRSA";
            default ->
                    throw new IllegalArgumentException(
                            "no CSR signature for " + keyPair.getPublic().getAlgorithm());
        };
    }
}
