package io.tlsuite.ca.domain;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.DERIA5String;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x509.GeneralName;

/**
 * One subjectAltName entry the CA issues (RFC 5280 §4.2.1.6): a DNS name (possibly with a left-most
 * wildcard label), an IP address or a URI (only in the admin-only service profile).
 */
public record SubjectAltName(Kind kind, String value) {

    public enum Kind {
        DNS,
        IP,
        URI
    }

    /** RFC 5280 §4.2.1.6 URIs; the suite's services are named {@code spiffe://tlsuite/<name>}. */
    private static final Pattern URI_NAME =
            Pattern.compile("[a-z][a-z0-9+.-]{0,15}://[A-Za-z0-9._~:/@!$&'()*+,;=%-]{1,200}");

    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

    public static SubjectAltName dns(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.endsWith(".")) {
            n = n.substring(0, n.length() - 1);
        }
        if (n.isEmpty() || n.length() > 253) {
            throw new CaProblem(
                    CaProblems.UNSUPPORTED_NAME, "invalid DNS name '" + shown(name) + "'");
        }
        String[] labels = n.split("\\.", -1);
        for (int i = 0; i < labels.length; i++) {
            boolean wildcard = i == 0 && labels[i].equals("*") && labels.length > 2;
            if (!wildcard && !LABEL.matcher(labels[i]).matches()) {
                throw new CaProblem(
                        CaProblems.UNSUPPORTED_NAME, "invalid DNS name '" + shown(name) + "'");
            }
        }
        return new SubjectAltName(Kind.DNS, n);
    }

    public static SubjectAltName uri(String uri) {
        if (uri == null || !URI_NAME.matcher(uri).matches()) {
            throw new CaProblem(
                    CaProblems.UNSUPPORTED_NAME,
                    "a URI subjectAltName must be scheme://path, at most 200 characters");
        }
        return new SubjectAltName(Kind.URI, uri);
    }

    public static SubjectAltName ip(InetAddress address) {
        return new SubjectAltName(Kind.IP, address.getHostAddress());
    }

    /**
     * The entry of a GeneralName from a CSR.
     *
     * @throws CaProblem {@link CaProblems#UNSUPPORTED_NAME} for other name types
     */
    public static SubjectAltName of(GeneralName name) {
        switch (name.getTagNo()) {
            case GeneralName.dNSName:
                return dns(DERIA5String.getInstance(name.getName()).getString());
            case GeneralName.iPAddress:
                byte[] octets = ASN1OctetString.getInstance(name.getName()).getOctets();
                if (octets.length != 4 && octets.length != 16) {
                    throw new CaProblem(
                            CaProblems.UNSUPPORTED_NAME, "an IP address must be 4 or 16 bytes");
                }
                try {
                    return ip(InetAddress.getByAddress(octets));
                } catch (UnknownHostException e) {
                    throw new CaProblem(CaProblems.UNSUPPORTED_NAME, "invalid IP address");
                }
            case GeneralName.uniformResourceIdentifier:
                return uri(DERIA5String.getInstance(name.getName()).getString());
            default:
                throw new CaProblem(
                        CaProblems.UNSUPPORTED_NAME,
                        "only DNS, IP and URI subject alternative names are issued");
        }
    }

    /** Caller text in a detail: at most 64 printable characters. */
    static String shown(String text) {
        String cut = text.length() > 64 ? text.substring(0, 64) + "..." : text;
        return cut.replaceAll("[^\\x20-\\x7e]", "?");
    }

    public GeneralName toGeneralName() {
        if (kind == Kind.DNS) {
            return new GeneralName(GeneralName.dNSName, value);
        }
        if (kind == Kind.URI) {
            return new GeneralName(GeneralName.uniformResourceIdentifier, value);
        }
        try {
            return new GeneralName(
                    GeneralName.iPAddress,
                    new DEROctetString(InetAddress.getByName(value).getAddress()));
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code DNS:name} or {@code IP:address}, as in events. */
    @Override
    public String toString() {
        return kind + ":" + value;
    }
}
