package io.tlsuite.ca.api;

import io.tlsuite.ca.domain.Pem;
import io.tlsuite.ca.service.CrlService;
import io.tlsuite.ca.service.OcspService;
import io.tlsuite.ca.store.CrlRepository.StoredCrl;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/** Revocation status for relying parties: the CRL (RFC 5280 §5) and OCSP (RFC 6960). */
@Path("/")
public class RevocationResource {

    static final String CRL_DER = "application/pkix-crl";
    static final String OCSP_REQUEST = "application/ocsp-request";
    static final String OCSP_RESPONSE = "application/ocsp-response";

    private final CrlService crls;
    private final OcspService ocsp;

    RevocationResource(CrlService crls, OcspService ocsp) {
        this.crls = crls;
        this.ocsp = ocsp;
    }

    /** The newest CRL: DER by default, PEM when the client accepts application/x-pem-file. */
    @GET
    @Path("crl")
    public Response crl(@HeaderParam(HttpHeaders.ACCEPT) String accept) {
        StoredCrl crl = crls.current();
        long maxAge = Math.max(0, Duration.between(Instant.now(), crl.nextUpdate()).toSeconds());
        Response.ResponseBuilder builder =
                accept != null && accept.contains(CaResource.PEM)
                        ? Response.ok(Pem.encode("X509 CRL", crl.der()), CaResource.PEM)
                        : Response.ok(crl.der(), CRL_DER);
        return builder.header("Cache-Control", "max-age=" + Math.min(maxAge, 300)).build();
    }

    /** RFC 6960 Appendix A.1: the DER request in the body. */
    @POST
    @Path("ocsp")
    @Consumes(MediaType.WILDCARD)
    public Response ocspPost(byte[] request) {
        return Response.ok(ocsp.respond(request == null ? new byte[0] : request), OCSP_RESPONSE)
                .build();
    }

    /** RFC 6960 Appendix A.1: the base64 DER request, URL-encoded, as the last path segment. */
    @GET
    @Path("ocsp/{request: .+}")
    public Response ocspGet(@PathParam("request") String request) {
        byte[] der;
        try {
            String b64 = request.replace(' ', '+');
            der =
                    b64.contains("-") || b64.contains("_")
                            ? Base64.getUrlDecoder().decode(b64)
                            : Base64.getDecoder().decode(b64);
        } catch (IllegalArgumentException e) {
            der = new byte[0]; // answered as malformedRequest
        }
        return Response.ok(ocsp.respond(der), OCSP_RESPONSE).build();
    }
}
