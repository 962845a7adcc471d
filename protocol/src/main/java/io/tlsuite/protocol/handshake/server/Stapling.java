package io.tlsuite.protocol.handshake.server;

import io.tlsuite.protocol.config.CertifiedKey;
import io.tlsuite.protocol.handshake.HandshakeContext;
import io.tlsuite.protocol.message.Extension;
import io.tlsuite.protocol.message.HandshakeMessage.ClientHello;
import java.util.Optional;

/**
 * Which OCSP response, if any, the server staples to its certificate (RFC 6066 §8, RFC 8446
 * §4.4.2.1): only for a client whose status_request asks for ocsp, only a non-empty response from
 * the configured {@code OcspStapling}. Responder ids and request extensions of the client's request
 * are not honoured (a server may ignore them; our responses come from the issuing CA, with no nonce
 * so that one response serves every client until it is refreshed).
 */
final class Stapling {
    private Stapling() {}

    /** The DER OCSPResponse to staple for {@code identity}, or null for none. */
    static byte[] responseFor(HandshakeContext ctx, ClientHello ch, CertifiedKey identity) {
        Optional<Extension.StatusRequest> request =
                Extension.find(ch.extensions(), Extension.StatusRequest.class);
        if (request.isEmpty() || !request.get().isOcsp() || identity == null) {
            return null;
        }
        try {
            return ctx.config
                    .ocspStapling()
                    .responseFor(identity)
                    .filter(r -> r.length > 0)
                    .map(byte[]::clone)
                    .orElse(null);
        } catch (RuntimeException e) {
            // Stapling is an optimisation for the client: a faulty source never fails a handshake.
            return null;
        }
    }
}
