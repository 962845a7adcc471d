package io.tlsuite.ca.service;

import io.quarkus.runtime.Startup;
import io.tlsuite.ca.config.CaConfig;
import io.tlsuite.ca.domain.Profile;
import io.tlsuite.ca.domain.Provisioner;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.jboss.logging.Logger;

/**
 * The provisioners and their bearer tokens: the default one ({@code tlsuite.ca.provisioner-token},
 * else its token file, generated with mode 0600 at first start for the local run's clients) and the
 * named ones of {@code tlsuite.ca.provisioners.<name>.*}, each with its own token (or token file,
 * generated alike) and what it may ask for. Tokens are compared in constant time, and never logged:
 * the log names each provisioner and where its token file is.
 */
@Startup
@ApplicationScoped
public class Provisioners {

    private static final Logger LOG = Logger.getLogger(Provisioners.class);

    private record Entry(Provisioner provisioner, byte[] token) {}

    private final List<Entry> entries = new ArrayList<>();

    Provisioners(CaConfig config) {
        entries.add(
                new Entry(
                        Provisioner.unrestricted(Provisioner.DEFAULT),
                        bytes(
                                AdminToken.resolve(
                                        config.provisionerToken(),
                                        config.provisionerTokenFile(),
                                        "provisioner"))));
        for (var named : new TreeMap<>(config.provisioners()).entrySet()) {
            entries.add(named(named.getKey(), named.getValue()));
        }
    }

    private static Entry named(String name, CaConfig.NamedProvisioner c) {
        Set<Profile> profiles = new LinkedHashSet<>();
        for (String p : c.profiles().orElse(List.of())) {
            if (!p.isBlank()) {
                profiles.add(Profile.leaf(p));
            }
        }
        Provisioner provisioner;
        try {
            provisioner = new Provisioner(name, profiles, c.names().orElse(List.of()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "tlsuite.ca.provisioners." + name + ": " + e.getMessage());
        }
        if (c.tokenFile().isEmpty() && c.token().filter(t -> !t.isBlank()).isEmpty()) {
            throw new IllegalArgumentException(
                    "tlsuite.ca.provisioners." + name + " needs a token or a token-file");
        }
        String token =
                AdminToken.resolve(
                        c.token(), c.tokenFile().orElse(null), "provisioner '" + name + "'");
        LOG.infof(
                "CA provisioner '%s': profiles %s, names %s",
                name,
                profiles.isEmpty()
                        ? "server, client"
                        : profiles.stream().map(Profile::label).toList(),
                provisioner.names().isEmpty() ? "as the policy allows" : provisioner.names());
        return new Entry(provisioner, bytes(token));
    }

    private static byte[] bytes(String token) {
        return token.getBytes(StandardCharsets.UTF_8);
    }

    /** The provisioner whose token the {@code Authorization} header carries, if any. */
    public Optional<Provisioner> find(String authorization) {
        Provisioner found = null;
        for (Entry e : entries) { // every token is compared, whichever matches
            if (Bearer.matches(authorization, e.token()) && found == null) {
                found = e.provisioner();
            }
        }
        return Optional.ofNullable(found);
    }

    /** Name and restrictions of every provisioner, for the log and the docs; never a token. */
    public Map<String, Provisioner> all() {
        Map<String, Provisioner> all = new TreeMap<>();
        entries.forEach(e -> all.put(e.provisioner().name(), e.provisioner()));
        return all;
    }
}
