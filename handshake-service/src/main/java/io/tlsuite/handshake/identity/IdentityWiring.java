package io.tlsuite.handshake.identity;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.tlsuite.handshake.HandshakeConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/** CDI wiring of the enrolment: one per instance, started with the application. */
@ApplicationScoped
class IdentityWiring {

    @Produces
    @Singleton
    CertificateAuthority certificateAuthority(HandshakeConfig config, ObjectMapper json) {
        return new HttpCertificateAuthority(
                config.caUrl(),
                json,
                new CaToken(config.caToken(), java.nio.file.Path.of(config.caTokenFile())));
    }

    @Produces
    @Singleton
    IdentityEnrolment enrolment(HandshakeConfig config, CertificateAuthority certificateAuthority) {
        return new IdentityEnrolment(certificateAuthority, config.identity(), Clock.systemUTC());
    }

    void start(
            @Observes @jakarta.annotation.Priority(10) StartupEvent event,
            IdentityEnrolment enrolment) {
        enrolment.start();
    }

    void stop(@Observes ShutdownEvent event, IdentityEnrolment enrolment) {
        enrolment.close();
    }
}
