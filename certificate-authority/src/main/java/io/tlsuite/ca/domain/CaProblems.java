package io.tlsuite.ca.domain;

import io.tlsuite.service.problem.ProblemCatalogue;
import io.tlsuite.service.problem.ProblemType;

/**
 * The kinds of refusal only the CA answers with (the shared ones are {@link
 * io.tlsuite.service.problem.CommonProblems}). Each has a stable slug: the API turns it into the
 * RFC 9457 problem {@code type} URI {@code https://tlsuite.dev/problems/<slug>}.
 */
public enum CaProblems implements ProblemCatalogue {
    MALFORMED_CSR("malformed-csr", 400, "Malformed certificate signing request"),
    CSR_SIGNATURE_INVALID("csr-signature-invalid", 400, "CSR signature does not verify"),
    WEAK_KEY("weak-key", 400, "Key too weak"),
    UNSUPPORTED_KEY("unsupported-key", 400, "Unsupported key type"),
    UNSUPPORTED_NAME("unsupported-name", 400, "Unsupported or invalid name"),
    NAME_REQUIRED("name-required", 400, "Subject alternative name required"),
    NAME_NOT_ALLOWED("name-not-allowed", 403, "Name outside the issuance policy"),
    WILDCARD_NOT_ALLOWED("wildcard-not-allowed", 403, "Wildcard names are not issued"),
    RESERVED_NAME("reserved-name", 403, "Name reserved to the CA's service profile"),
    PROFILE_NOT_ALLOWED("profile-not-allowed", 403, "Profile reserved to the administrator"),
    LIFETIME_OUT_OF_BOUNDS("lifetime-out-of-bounds", 400, "Lifetime out of bounds"),
    UNKNOWN_PROFILE("unknown-profile", 400, "Unknown certificate profile"),
    UNKNOWN_REVOCATION_REASON("unknown-revocation-reason", 400, "Unknown revocation reason"),
    MALFORMED_CHAIN("malformed-chain", 400, "Malformed certificate chain"),
    UNKNOWN_CERTIFICATE("unknown-certificate", 404, "Unknown certificate"),
    CA_CERTIFICATE("ca-certificate", 409, "Operation not allowed on a CA certificate");

    private final ProblemType definition;

    CaProblems(String slug, int status, String title) {
        this.definition = ProblemType.of(slug, status, title);
    }

    @Override
    public ProblemType definition() {
        return definition;
    }
}
