package io.tlsuite.sessionstore.api;

import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Runs {@link ServiceCallerGuard} for every {@link ServiceOnly} endpoint, before the body is read.
 * Over HTTPS, the client certificate the TLS layer verified against the trust store (the suite's
 * CA) is passed along, so an allowed handshake-service certificate admits without a token.
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
                verifiedClientCommonName(http),
                only.value(),
                target,
                remote);
    }

    /** CN of the client certificate verified in the TLS handshake, or null. */
    static String verifiedClientCommonName(HttpServerRequest http) {
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
            for (Rdn rdn : new LdapName(leaf.getSubjectX500Principal().getName()).getRdns()) {
                if ("CN".equalsIgnoreCase(rdn.getType())) {
                    return String.valueOf(rdn.getValue());
                }
            }
            return null;
        } catch (SSLPeerUnverifiedException | InvalidNameException e) {
            return null;
        }
    }
}
