package io.tlsuite.events.handshake;

import io.tlsuite.events.LifecycleEvent;
import io.tlsuite.events.Topics;

/**
 * One step of a handshake, on {@value Topics#HANDSHAKES}. Every step carries {@code elapsedMicros},
 * the time since the handshake started, so a timeline can be drawn from the events alone.
 */
public sealed interface HandshakeEvent extends LifecycleEvent
        permits HandshakeStarted,
                ClientHelloReceived,
                ServerHelloSent,
                CertificateSent,
                CertificateVerified,
                KeyExchangeDone,
                ChangeCipherSpecExchanged,
                FinishedVerified,
                HandshakeCompleted,
                HandshakeFailed {

    String handshakeId();

    long elapsedMicros();

    @Override
    default String aggregateId() {
        return handshakeId();
    }

    @Override
    default String topic() {
        return Topics.HANDSHAKES;
    }
}
