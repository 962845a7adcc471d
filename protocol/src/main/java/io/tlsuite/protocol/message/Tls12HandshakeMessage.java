package io.tlsuite.protocol.message;

import io.tlsuite.protocol.codec.ByteWriter;
import java.util.List;

/**
 * The TLS 1.2 handshake messages that differ from TLS 1.3 (RFC 5246 §7.4, RFC 8422 §5 for ECDHE).
 * ClientHello, ServerHello and Finished share the TLS 1.3 records of {@code
 * io.tlsuite.protocol.message.HandshakeMessage}. Byte arrays are owned by the record: treat them as
 * read-only. Encoded by {@link Tls12HandshakeCodec}.
 */
public sealed interface Tls12HandshakeMessage {
    int handshakeType();

    /** RFC 8422 §5.4 ECCurveType named_curve, the only one allowed. */
    int NAMED_CURVE = 3;

    /**
     * ServerKeyExchange of an ECDHE suite (RFC 8422 §5.4): ServerECDHParams (curve_type
     * named_curve, the named group, the public point) and the DigitallySigned of RFC 5246 §4.7
     * (signature scheme, signature over client_random + server_random + params).
     */
    record ServerKeyExchangeEcdhe(
            int namedGroup, byte[] publicPoint, int signatureScheme, byte[] signature)
            implements Tls12HandshakeMessage {
        @Override
        public int handshakeType() {
            return Tls12HandshakeCodec.SERVER_KEY_EXCHANGE;
        }

        /** The encoded ServerECDHParams, the signed part after the two randoms. */
        public byte[] encodedParams() {
            ByteWriter w = new ByteWriter(4 + publicPoint.length);
            w.u8(NAMED_CURVE).u16(namedGroup).vector8(publicPoint);
            return w.toByteArray();
        }

        /** The signed content: client_random + server_random + ServerECDHParams. */
        public byte[] signedContent(byte[] clientRandom, byte[] serverRandom) {
            ByteWriter w = new ByteWriter(64 + 4 + publicPoint.length);
            w.bytes(clientRandom).bytes(serverRandom).bytes(encodedParams());
            return w.toByteArray();
        }

        @Override
        public String toString() {
            return "ServerKeyExchangeEcdhe[group=0x"
                    + Integer.toHexString(namedGroup)
                    + ", point="
                    + publicPoint.length
                    + " bytes, scheme=0x"
                    + Integer.toHexString(signatureScheme)
                    + ", signature="
                    + signature.length
                    + " bytes]";
        }
    }

    /** HelloRequest (RFC 5246 §7.4.1.1): empty; a server's invitation to renegotiate. */
    record HelloRequest() implements Tls12HandshakeMessage {
        @Override
        public int handshakeType() {
            return Tls12HandshakeCodec.HELLO_REQUEST;
        }
    }

    /**
     * NewSessionTicket of RFC 5077 §3.3: a lifetime hint and the opaque ticket (here a handle into
     * the server's ticket store).
     */
    record NewSessionTicket12(long lifetimeHintSeconds, byte[] ticket)
            implements Tls12HandshakeMessage {
        @Override
        public int handshakeType() {
            return Tls12HandshakeCodec.NEW_SESSION_TICKET;
        }

        @Override
        public String toString() {
            return "NewSessionTicket12[lifetimeHint="
                    + lifetimeHintSeconds
                    + ", ticket="
                    + ticket.length
                    + " bytes]";
        }
    }

    /**
     * CertificateStatus (RFC 6066 §8): status_type ocsp(1) and the DER OCSPResponse for the
     * server's certificate, sent right after the Certificate when the ServerHello carried an empty
     * status_request.
     */
    record CertificateStatus12(byte[] ocspResponse) implements Tls12HandshakeMessage {
        @Override
        public int handshakeType() {
            return Tls12HandshakeCodec.CERTIFICATE_STATUS;
        }

        @Override
        public String toString() {
            return "CertificateStatus12[ocsp, " + ocspResponse.length + " bytes]";
        }
    }

    /** ServerHelloDone (RFC 5246 §7.4.5): empty. */
    record ServerHelloDone() implements Tls12HandshakeMessage {
        @Override
        public int handshakeType() {
            return Tls12HandshakeCodec.SERVER_HELLO_DONE;
        }
    }

    /** ClientKeyExchange of an ECDHE suite (RFC 8422 §5.7): the client's ephemeral public point. */
    record ClientKeyExchangeEcdhe(byte[] publicPoint) implements Tls12HandshakeMessage {
        @Override
        public int handshakeType() {
            return Tls12HandshakeCodec.CLIENT_KEY_EXCHANGE;
        }

        @Override
        public String toString() {
            return "ClientKeyExchangeEcdhe[point=" + publicPoint.length + " bytes]";
        }
    }

    /**
     * ClientKeyExchange of a static RSA suite (RFC 5246 §7.4.7.1): the PKCS#1 v1.5 encrypted
     * pre-master secret, with its two-byte length (TLS 1.0 and later).
     */
    record ClientKeyExchangeRsa(byte[] encryptedPreMasterSecret) implements Tls12HandshakeMessage {
        @Override
        public int handshakeType() {
            return Tls12HandshakeCodec.CLIENT_KEY_EXCHANGE;
        }

        @Override
        public String toString() {
            return "ClientKeyExchangeRsa[" + encryptedPreMasterSecret.length + " bytes]";
        }
    }

    /**
     * CertificateRequest of TLS 1.2 (RFC 5246 §7.4.4): certificate types (ClientCertificateType
     * codes, e.g. 1 rsa_sign, 64 ecdsa_sign), signature schemes, and the DER distinguished names of
     * acceptable CAs (possibly none).
     */
    record CertificateRequest12(
            List<Integer> certificateTypes,
            List<Integer> signatureSchemes,
            List<byte[]> certificateAuthorities)
            implements Tls12HandshakeMessage {
        public CertificateRequest12 {
            certificateTypes = List.copyOf(certificateTypes);
            signatureSchemes = List.copyOf(signatureSchemes);
            certificateAuthorities = List.copyOf(certificateAuthorities);
        }

        @Override
        public int handshakeType() {
            return Tls12HandshakeCodec.CERTIFICATE_REQUEST;
        }

        @Override
        public String toString() {
            return "CertificateRequest12[types="
                    + certificateTypes
                    + ", schemes="
                    + signatureSchemes.size()
                    + ", authorities="
                    + certificateAuthorities.size()
                    + "]";
        }
    }

    /**
     * Certificate of TLS 1.2 (RFC 5246 §7.4.2): DER certificates, sender's first; no request
     * context and no per-entry extensions. Empty when a client has no suitable certificate.
     */
    record Certificate12(List<byte[]> certificates) implements Tls12HandshakeMessage {
        public Certificate12 {
            certificates = List.copyOf(certificates);
        }

        @Override
        public int handshakeType() {
            return Tls12HandshakeCodec.CERTIFICATE;
        }

        @Override
        public String toString() {
            return "Certificate12[" + certificates.size() + " certificates]";
        }
    }
}
