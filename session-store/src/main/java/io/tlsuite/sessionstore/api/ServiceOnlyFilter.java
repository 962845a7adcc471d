package io.tlsuite.sessionstore.api;

import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import java.security.cert.Certificate;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Runs {@link ServiceCallerGuard} for every {@link ServiceOnly} endpoint, before the body is read.
 * Over HTTPS, the client certificate the TLS layer verified against the trust store (the suite's
 * CA) is passed along, so a certificate with an allowed SAN URI admits without a token.
 */
class ServiceOnlyFilter {

    @Inject ServiceCallerGuard guard;

    @ServerRequestFilter
    void requireServiceCaller(
            ContainerRequestContext request, ResourceInfo resource, HttpServerRequest http) {
        ServiceOnly only =
                resource.getResourceMethod() == null
                        ? null
                        : resource.getResourceMethod().getAnnotation(ServiceOnly.class);
        if (only == null) {
            return;
        }
        String target = request.getUriInfo().getPathParameters().getFirst("id");
        String remote =
                http == null || http.remoteAddress() == null
                        ? null
                        : http.remoteAddress().hostAddress();
        guard.require(
                request.getHeaderString(HttpHeaders.AUTHORIZATION),
                verifiedClientUris(http),
                only.value(),
                target,
                remote);
    }

    /**
     * The URI subjectAltNames (RFC 5280 §4.2.1.6, e.g. {@code spiffe://tlsuite/handshake-service})
     * of the client certificate verified in the TLS handshake; null without one. Not the subject
     * CN: the CA copies a CN from any CSR, while it grants these URIs to the administrator alone.
     */
    static List<String> verifiedClientUris(HttpServerRequest http) {
        if (http == null || !http.isSSL()) {
            return null;
        }
        SSLSession ssl = http.sslSession();
        if (ssl == null) {
            return null;
        }
        try {
            Certificate[] chain = ssl.getPeerCertificates();
            if (chain.length == 0 || !(chain[0] instanceof X509Certificate leaf)) {
                return null;
            }
            Collection<List<?>> names = leaf.getSubjectAlternativeNames();
            if (names == null) {
                return List.of();
            }
            List<String> uris = new ArrayList<>();
            for (List<?> name : names) {
                if (name.size() == 2 && Integer.valueOf(6).equals(name.get(0))) {
                    uris.add(String.valueOf(name.get(1)));
                }
            }
            return uris;
        } catch (SSLPeerUnverifiedException e) {
            return null; // no client certificate: an anonymous caller, not a refused certificate
        } catch (CertificateParsingException e) {
            return List.of();
        }
    }
}
