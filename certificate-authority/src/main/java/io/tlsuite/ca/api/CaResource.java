package io.tlsuite.ca.api;

import io.tlsuite.ca.service.CaHierarchy;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;

/** The CA's own certificates, for trust stores and chain building. */
@Path("/api/v1/ca")
public class CaResource {

    static final String PEM = "application/x-pem-file";

    private final CaHierarchy hierarchy;

    CaResource(CaHierarchy hierarchy) {
        this.hierarchy = hierarchy;
    }

    /** The root certificate (PEM): the trust anchor. */
    @GET
    @Path("/root")
    @Produces({PEM, "text/plain"})
    public String root() {
        return hierarchy.rootPem();
    }

    /**
     * The intermediate, the issuer of every leaf, as one DER certificate: the CA Issuers URL of the
     * leaves' authorityInfoAccess (RFC 5280 §4.2.2.1, media type of RFC 2585 §4.1).
     */
    @GET
    @Path("/intermediate.der")
    @Produces("application/pkix-cert")
    public byte[] intermediateDer() {
        return hierarchy.intermediateDer();
    }

    /** The intermediate then the root (PEM). */
    @GET
    @Path("/chain")
    @Produces({PEM, "text/plain"})
    public String chain() {
        return hierarchy.chainPem();
    }
}
