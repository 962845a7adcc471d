package io.tlsuite.handshake.events;

import io.tlsuite.service.events.ConsumerReadiness;
import io.tlsuite.service.events.PatientConsumer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.Readiness;

/**
 * Not ready while the revocation listener does not read {@code tls.certificates} (Kafka not there
 * yet, or its name does not resolve): a revoked client certificate would not be refused meanwhile.
 */
@Readiness
@ApplicationScoped
class RevocationListenerReadiness extends ConsumerReadiness {

    @Inject RevocationListener listener;

    @Override
    protected String name() {
        return "Revocation listener (tls.certificates)";
    }

    @Override
    protected boolean enabled() {
        return listener.enabled();
    }

    @Override
    protected PatientConsumer consumer() {
        return listener.connection();
    }
}
