package io.tlsuite.ca.api;

import io.tlsuite.ca.domain.CaProblem;
import io.tlsuite.ca.service.AdminToken;
import io.tlsuite.ca.service.CertificateService;
import io.tlsuite.ca.service.IssuedCertificate;
import io.tlsuite.ca.store.CertificateRecord;
import io.tlsuite.service.problem.CommonProblems;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Admin only: issues a certificate whose validity window the caller chooses, e.g. one that expired
 * yesterday, so the lab can serve a really expired certificate of this CA.
 */
@Path("/api/v1/certificates/backdated")
@Produces(MediaType.APPLICATION_JSON)
public class BackdatedCertificateResource {
    private final CertificateService certificates;
    private final AdminToken admin;

    BackdatedCertificateResource(CertificateService certificates, AdminToken admin) {
        this.certificates = certificates;
        this.admin = admin;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary =
                    "Issue with an explicit (possibly past) validity window; admin token required")
    public Response issue(
            BackdatedIssueRequest request,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        if (!admin.matches(authorization)) {
            throw new CaProblem(
                    CommonProblems.UNAUTHORIZED,
                    "backdating needs Authorization: Bearer <admin token> (tlsuite.ca.admin-token)");
        }
        if (request == null || request.csr() == null || request.profile() == null) {
            throw new CaProblem(
                    CommonProblems.INVALID_REQUEST,
                    "a JSON body with csr, profile, notBefore and notAfter is required");
        }
        IssuedCertificate issued =
                certificates.issueBackdated(
                        request.csr(), request.profile(), request.notBefore(), request.notAfter());
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
}
