package io.tlsuite.sessionstore.events;

import io.tlsuite.service.events.ConsumerReadiness;
import io.tlsuite.service.events.PatientConsumer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.Readiness;

/**
 * Not ready while the revocation cascade does not read {@code tls.certificates} (Kafka not there
 * yet, or its name does not resolve): sessions of a revoked certificate would live on meanwhile.
 */
@Readiness
@ApplicationScoped
class RevocationListenerReadiness extends ConsumerReadiness {

    @Inject RevocationListener listener;

    @Override
    protected String name() {
        return "Revocation cascade (tls.certificates)";
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
