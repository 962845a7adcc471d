package io.tlsuite.ca.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;

/**
 * Names the CA alone grants: a peer that authorises by them (the session store admits {@code
 * spiffe://tlsuite/handshake-service}) must be able to trust that nobody got them from an ordinary
 * CSR. They are every URI subjectAltName, and a service's name as a CN or DNS name. Only the
 * admin-only {@link Profile#SERVICE} carries them.
 */
public final class ReservedNames {

    /**
     * The suite's services that others authorise, as in {@code spiffe://tlsuite/<name>}. The client
     * agent is not among them: it is an ordinary client and enrols a {@code client} certificate
     * with the provisioner token, under its own name.
     */
    public static final Set<String> SERVICES =
            Set.of(
                    "certificate-authority",
                    "handshake-service",
                    "session-store",
                    "event-dashboard",
                    "kafka");

    /** The SPIFFE trust domain of the suite (a URI SAN outside it is never issued). */
    public static final String SPIFFE_PREFIX = "spiffe://tlsuite/";

    private ReservedNames() {}

    /** The reserved names a request carries (CN values and subjectAltNames), for a refusal. */
    public static List<String> in(CertificateRequest request) {
        List<String> found = new ArrayList<>();
        for (String cn : commonNames(request.subject())) {
            if (SERVICES.contains(cn.trim().toLowerCase(Locale.ROOT))) {
                found.add("CN=" + cn);
            }
        }
        for (SubjectAltName name : request.subjectAltNames()) {
            if (name.kind() == SubjectAltName.Kind.URI
                    || (name.kind() == SubjectAltName.Kind.DNS
                            && SERVICES.contains(name.value()))) {
                found.add(name.toString());
            }
        }
        return found;
    }

    /** Whether a URI subjectAltName is one the service profile may carry. */
    public static boolean isServiceUri(SubjectAltName name) {
        return name.kind() == SubjectAltName.Kind.URI
                && name.value().startsWith(SPIFFE_PREFIX)
                && name.value().length() > SPIFFE_PREFIX.length();
    }

    private static List<String> commonNames(X500Name subject) {
        List<String> names = new ArrayList<>();
        for (RDN rdn : subject.getRDNs(BCStyle.CN)) {
            ASN1Encodable value = rdn.getFirst().getValue();
            names.add(IETFUtils.valueToString(value));
        }
        return names;
    }
}
