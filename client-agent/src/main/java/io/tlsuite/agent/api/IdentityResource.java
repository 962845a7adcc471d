package io.tlsuite.agent.api;

import io.tlsuite.agent.config.AgentConfig;
import io.tlsuite.agent.trust.AgentTrust;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** What the agent trusts and what it owns: certificates only, never a key. */
@Path("/api/v1/agent/identity")
@Produces(MediaType.APPLICATION_JSON)
public class IdentityResource {
    @Inject AgentTrust trust;
    @Inject AgentConfig config;

    @GET
    @Operation(
            summary = "Trust store and key store: subjects, serials, SHA-256 fingerprints, expiry")
    public Map<String, Object> identity() {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("caUrl", config.caUrl());
        trust.problem().ifPresent(p -> v.put("problem", p));
        trust.loaded()
                .ifPresentOrElse(
                        l -> {
                            Map<String, Object> ts = new LinkedHashMap<>();
                            ts.put("file", l.trustStore().toString());
                            ts.put("type", "PKCS12");
                            ts.put("pinnedSha256", config.rootSha256().orElse(null));
                            ts.put(
                                    "roots",
                                    l.roots().stream().map(IdentityResource::view).toList());
                            v.put("trustStore", ts);
                            Map<String, Object> ks = new LinkedHashMap<>();
                            ks.put("mutualTls", l.clientIdentity() != null);
                            if (l.clientIdentity() != null) {
                                ks.put("file", l.keyStore().toString());
                                ks.put("type", "PKCS12");
                                ks.put(
                                        "keyAlgorithm",
                                        l.clientIdentity().privateKey().getAlgorithm());
                                ks.put(
                                        "chain",
                                        l.clientIdentity().chain().stream()
                                                .map(IdentityResource::view)
                                                .toList());
                            }
                            v.put("keyStore", ks);
                        },
                        () -> v.put("trustStore", null));
        return v;
    }

    static Map<String, Object> view(X509Certificate c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("subject", c.getSubjectX500Principal().getName());
        m.put("issuer", c.getIssuerX500Principal().getName());
        m.put("serial", c.getSerialNumber().toString(16));
        m.put("sha256", AgentTrust.fingerprint(c));
        m.put("notBefore", c.getNotBefore().toInstant().toString());
        m.put("notAfter", c.getNotAfter().toInstant().toString());
        return m;
    }

    static List<Map<String, Object>> views(List<X509Certificate> certs) {
        return certs.stream().map(IdentityResource::view).toList();
    }
}
