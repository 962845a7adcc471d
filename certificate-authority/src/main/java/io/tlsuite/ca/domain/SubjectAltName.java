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
 * wildcard label) or an IP address.
 */
public record SubjectAltName(Kind kind, String value) {

    public enum Kind {
        DNS,
        IP
    }

    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

    public static SubjectAltName dns(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.endsWith(".")) {
            n = n.substring(0, n.length() - 1);
        }
        if (n.isEmpty() || n.length() > 253) {
            throw new CaProblem(CaProblems.UNSUPPORTED_NAME, "invalid DNS name '" + name + "'");
        }
        String[] labels = n.split("\\.", -1);
        for (int i = 0; i < labels.length; i++) {
            boolean wildcard = i == 0 && labels[i].equals("*") && labels.length > 2;
            if (!wildcard && !LABEL.matcher(labels[i]).matches()) {
                throw new CaProblem(CaProblems.UNSUPPORTED_NAME, "invalid DNS name '" + name + "'");
            }
        }
        return new SubjectAltName(Kind.DNS, n);
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
            default:
                throw new CaProblem(
                        CaProblems.UNSUPPORTED_NAME,
                        "only DNS and IP subject alternative names are issued");
        }
    }

    public GeneralName toGeneralName() {
        if (kind == Kind.DNS) {
            return new GeneralName(GeneralName.dNSName, value);
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
