package io.tlsuite.ca.service;

import io.tlsuite.ca.config.CaConfig;
import io.tlsuite.ca.domain.IssuancePolicy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jboss.logging.Logger;

/** The issuance policy from configuration, plus this machine's host name when asked for. */
@ApplicationScoped
class PolicyProducer {

    private static final Logger LOG = Logger.getLogger(PolicyProducer.class);

    @Produces
    @Singleton
    IssuancePolicy policy(CaConfig config) {
        CaConfig.Policy p = config.policy();
        List<String> domains = new ArrayList<>(p.allowedDomains());
        if (p.includeHostname()) {
            hostName().ifPresent(domains::add);
        }
        List<InetAddress> addresses = new ArrayList<>();
        for (String ip : p.allowedIps()) {
            try {
                addresses.add(InetAddress.getByName(ip.trim()));
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException(
                        "tlsuite.ca.policy.allowed-ips: bad address " + ip);
            }
        }
        IssuancePolicy policy =
                new IssuancePolicy(
                        domains, addresses, p.minRsaBits(), p.minValidity(), p.maxValidity());
        LOG.infof(
                "Issuance policy: names %s, addresses %s, lifetime %s..%s, RSA >= %d bits",
                policy.allowedDomains(),
                p.allowedIps(),
                p.minValidity(),
                p.maxValidity(),
                p.minRsaBits());
        return policy;
    }

    private static java.util.Optional<String> hostName() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return java.util.Optional.of(env.trim().toLowerCase(Locale.ROOT));
        }
        try {
            return java.util.Optional.of(
                    InetAddress.getLocalHost().getHostName().toLowerCase(Locale.ROOT));
        } catch (UnknownHostException e) {
            return java.util.Optional.empty();
        }
    }
}
