package io.tlsuite.ca.domain;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/** Parsed CSRs for the domain's unit tests: a fresh key and the given names. */
final class TestRequests {

    private TestRequests() {}

    /** A request for {@code CN=x} with these names ({@code IP:} prefix: an address, else DNS). */
    static CertificateRequest request(KeyType type, String... names) {
        SubjectPublicKeyInfo spki =
                SubjectPublicKeyInfo.getInstance(type.generate().getPublic().getEncoded());
        return new CertificateRequest(
                new X500Name("CN=x"),
                spki,
                PublicKeyProfile.of(spki),
                Arrays.stream(names)
                        .map(n -> n.startsWith("IP:") ? ip(n.substring(3)) : SubjectAltName.dns(n))
                        .toList());
    }

    static SubjectAltName ip(String address) {
        try {
            return SubjectAltName.ip(InetAddress.getByName(address));
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
