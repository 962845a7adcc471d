package io.tlsuite.ca.domain;

import org.bouncycastle.asn1.x509.CRLReason;

/** The reason codes of RFC 5280 §5.3.1, by their ASN.1 names. */
public enum RevocationReason {
    UNSPECIFIED("unspecified", CRLReason.unspecified),
    KEY_COMPROMISE("keyCompromise", CRLReason.keyCompromise),
    CA_COMPROMISE("cACompromise", CRLReason.cACompromise),
    AFFILIATION_CHANGED("affiliationChanged", CRLReason.affiliationChanged),
    SUPERSEDED("superseded", CRLReason.superseded),
    CESSATION_OF_OPERATION("cessationOfOperation", CRLReason.cessationOfOperation),
    CERTIFICATE_HOLD("certificateHold", CRLReason.certificateHold),
    PRIVILEGE_WITHDRAWN("privilegeWithdrawn", CRLReason.privilegeWithdrawn),
    AA_COMPROMISE("aACompromise", CRLReason.aACompromise);

    private final String rfcName;
    private final int code;

    RevocationReason(String rfcName, int code) {
        this.rfcName = rfcName;
        this.code = code;
    }

    public String rfcName() {
        return rfcName;
    }

    public int code() {
        return code;
    }

    /**
     * The reason of an RFC 5280 name (case-insensitive); {@code null} or blank means unspecified.
     * {@code removeFromCRL} (code 8) only exists in delta CRLs and is refused.
     */
    public static RevocationReason parse(String name) {
        if (name == null || name.isBlank()) {
            return UNSPECIFIED;
        }
        for (RevocationReason reason : values()) {
            if (reason.rfcName.equalsIgnoreCase(name.trim())) {
                return reason;
            }
        }
        throw new CaProblem(
                CaProblems.UNKNOWN_REVOCATION_REASON,
                "'"
                        + name
                        + "' is not an RFC 5280 reason (e.g. keyCompromise, superseded,"
                        + " cessationOfOperation)");
    }
}
