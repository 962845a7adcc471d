package io.tlsuite.ca.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tlsuite.ca.domain.CaProblem;
import io.tlsuite.ca.domain.Provisioner;
import io.tlsuite.ca.service.AdminToken;
import io.tlsuite.ca.service.CertificateService;
import io.tlsuite.ca.service.IssuedCertificate;
import io.tlsuite.ca.service.Provisioners;
import io.tlsuite.ca.store.CertificateQuery;
import io.tlsuite.ca.store.CertificateRecord;
import io.tlsuite.service.problem.CommonProblems;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;

/** Issue from CSRs, look up, list and revoke. */
@Path("/api/v1/certificates")
@Produces(MediaType.APPLICATION_JSON)
public class CertificateResource {

    private static final Set<String> STATUSES =
            Set.of(CertificateRecord.VALID, CertificateRecord.REVOKED, CertificateRecord.EXPIRED);
    private static final Set<String> PROFILES =
            Set.of("server", "client", "service", "intermediate", "root");
    private static final int MAX_PAGE_SIZE = 500;

    private final CertificateService certificates;
    private final AdminToken admin;
    private final Provisioners provisioners;
    private final ObjectMapper json;

    CertificateResource(
            CertificateService certificates,
            AdminToken admin,
            Provisioners provisioners,
            ObjectMapper json) {
        this.certificates = certificates;
        this.json = json;
        this.admin = admin;
        this.provisioners = provisioners;
    }

    /**
     * Signs a CSR for an authenticated caller: a provisioner's token gets the issuance policy
     * (names, lifetime, no wildcard, no reserved name) and that provisioner's own limits (profiles,
     * names); the admin token only the key checks and the admin-only {@code service} profile. No
     * token, or a wrong one, is refused (401).
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response issue(
            IssueRequest request, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        if (request == null) {
            throw new CaProblem(
                    CommonProblems.INVALID_REQUEST, "a JSON body with csr and profile is required");
        }
        Provisioner provisioner = requireIssuer(authorization);
        IssuedCertificate issued =
                certificates.issue(
                        request.csr(),
                        request.profile(),
                        request.validityDays(),
                        request.validityMinutes(),
                        provisioner);
        CertificateRecord c = issued.record();
        return Response.created(URI.create("/api/v1/certificates/" + c.serial()))
                .entity(
                        new IssuedCertificateResponse(
                                c.serial(),
                                c.pem(),
                                issued.chainPem(),
                                c.notBefore(),
                                c.notAfter(),
                                c.profile(),
                                c.subject(),
                                c.subjectAltNames()))
                .build();
    }

    /** Certificates, newest first, filtered by status, profile, subject substring, expiry. */
    @GET
    public CertificatePage list(
            @QueryParam("status") String status,
            @QueryParam("profile") String profile,
            @QueryParam("subject") String subject,
            @QueryParam("expiringBefore") String expiringBefore,
            @QueryParam("page") @DefaultValue("0") int page,
            @QueryParam("size") @DefaultValue("50") int size) {
        String s = lower(status);
        if (s != null && !STATUSES.contains(s)) {
            throw new CaProblem(
                    CommonProblems.INVALID_REQUEST,
                    "status must be one of " + STATUSES + ", not " + status);
        }
        String p = lower(profile);
        if (p != null && !PROFILES.contains(p)) {
            throw new CaProblem(
                    CommonProblems.INVALID_REQUEST,
                    "profile must be one of " + PROFILES + ", not " + profile);
        }
        if (page < 0 || size < 1 || size > MAX_PAGE_SIZE) {
            throw new CaProblem(
                    CommonProblems.INVALID_REQUEST,
                    "page must be >= 0 and size between 1 and " + MAX_PAGE_SIZE);
        }
        Instant before = null;
        if (expiringBefore != null && !expiringBefore.isBlank()) {
            try {
                before = Instant.parse(expiringBefore.trim());
            } catch (DateTimeParseException e) {
                throw new CaProblem(
                        CommonProblems.INVALID_REQUEST,
                        "expiringBefore must be an ISO-8601 instant such as 2030-01-01T00:00:00Z");
            }
        }
        CertificateQuery query =
                new CertificateQuery(
                        s,
                        p,
                        subject == null || subject.isBlank() ? null : subject,
                        before,
                        page,
                        size);
        return new CertificatePage(
                certificates.list(query).stream().map(CertificateView::of).toList(),
                page,
                size,
                certificates.count(query));
    }

    @GET
    @Path("/{serial}")
    public CertificateView get(@PathParam("serial") String serial) {
        return CertificateView.of(certificates.find(serial));
    }

    /** Revokes a leaf; needs the admin token; idempotent. */
    @POST
    @Path("/{serial}/revoke")
    @Consumes(MediaType.WILDCARD)
    @RequestBody(content = @Content(schema = @Schema(implementation = RevokeRequest.class)))
    public CertificateView revoke(
            @PathParam("serial") String serial,
            String body,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        requireAdmin(authorization);
        return CertificateView.of(certificates.revoke(serial, reasonOf(body)));
    }

    /**
     * The body is read as JSON whatever its declared type, so that {@code curl --data '{...}'}
     * (form-encoded by default) works; an empty body means reason unspecified.
     */
    private String reasonOf(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            RevokeRequest request = json.readValue(body, RevokeRequest.class);
            return request == null ? null : request.reason();
        } catch (JsonProcessingException e) {
            throw new CaProblem(
                    CommonProblems.MALFORMED_BODY,
                    "the body must be JSON such as {\"reason\":\"keyCompromise\"}");
        }
    }

    /** The caller's provisioner, or null for the admin; anyone else is refused. */
    private Provisioner requireIssuer(String authorization) {
        if (admin.matches(authorization)) {
            return null;
        }
        Optional<Provisioner> provisioner = provisioners.find(authorization);
        if (provisioner.isPresent()) {
            return provisioner.get();
        }
        throw new CaProblem(
                CommonProblems.UNAUTHORIZED,
                "issuance needs Authorization: Bearer <provisioner token>"
                        + " (tlsuite.ca.provisioner-token-file) or the admin token");
    }

    private boolean requireAdmin(String authorization) {
        if (!admin.matches(authorization)) {
            throw new CaProblem(
                    CommonProblems.UNAUTHORIZED,
                    "this needs Authorization: Bearer <admin token> (tlsuite.ca.admin-token)");
        }
        return true;
    }

    private static String lower(String value) {
        return value == null || value.isBlank() ? null : value.trim().toLowerCase(Locale.ROOT);
    }
}
