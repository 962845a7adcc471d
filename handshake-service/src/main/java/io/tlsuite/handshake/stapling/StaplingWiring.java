package io.tlsuite.handshake.stapling;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.tlsuite.handshake.HandshakeConfig;
import io.tlsuite.handshake.identity.IdentityEnrolment;
import io.tlsuite.protocol.config.OcspStapling;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * CDI wiring of the stapler. The responder is the CA at {@code handshake.ca-url} (its {@code
 * /ocsp}), the address this service already reaches it at, which in compose or Kubernetes may
 * differ from the public URL the certificates name.
 */
@ApplicationScoped
class StaplingWiring {

    @Produces
    @Singleton
    Optional<OcspStapler> stapler(HandshakeConfig config, IdentityEnrolment enrolment) {
        if (!config.stapling().enabled()) {
            return Optional.empty();
        }
        OcspStapler stapler = OcspStapler.fromConfig(config);
        enrolment.onChange(stapler::identityChanged);
        return Optional.of(stapler);
    }

    /** What the engines staple: the stapler's responses, or nothing when stapling is off. */
    @Produces
    @Singleton
    OcspStapling stapling(Optional<OcspStapler> stapler) {
        return stapler.<OcspStapling>map(s -> s).orElse(OcspStapling.NONE);
    }

    /** Created with the application, so the first fetch starts as soon as we are enrolled. */
    void start(@Observes StartupEvent event, Optional<OcspStapler> stapler) {
        stapler.ifPresent(s -> {});
    }

    void stop(@Observes ShutdownEvent event, Optional<OcspStapler> stapler) {
        stapler.ifPresent(OcspStapler::close);
    }
}
