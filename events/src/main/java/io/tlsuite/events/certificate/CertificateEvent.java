package io.tlsuite.events.certificate;

import io.tlsuite.events.LifecycleEvent;
import io.tlsuite.events.Topics;

/** Events of the certificate authority, on {@value Topics#CERTIFICATES}. */
public sealed interface CertificateEvent extends LifecycleEvent
        permits CertificateIssued,
                CertificateRevoked,
                CertificateExpired,
                CrlPublished,
                ValidationPerformed {

    @Override
    default String topic() {
        return Topics.CERTIFICATES;
    }
}
