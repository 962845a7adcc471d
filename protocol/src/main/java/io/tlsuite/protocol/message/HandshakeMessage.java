package io.tlsuite.protocol.message;

import io.tlsuite.protocol.codec.Hex;
import java.util.Arrays;
import java.util.List;

/**
 * The decoded TLS 1.3 handshake messages (RFC 8446 §4), immutable. {@link HandshakeCodec} turns
 * them into bytes and back. Byte arrays are owned by the record: treat them as read-only.
 */
public sealed interface HandshakeMessage {
    int handshakeType();

    /** RFC 8446 §4.1.3: the special ServerHello.random of a HelloRetryRequest. */
    byte[] HELLO_RETRY_REQUEST_RANDOM =
            Hex.parse("CF21AD74E59A6111BE1D8C021E65B891C2A211167ABB8C5E079E09E2C8A8339C");

    record ClientHello(
            int legacyVersion,
            byte[] random,
            byte[] legacySessionId,
            List<Integer> cipherSuites,
            byte[] legacyCompressionMethods,
            List<Extension> extensions)
            implements HandshakeMessage {
        public ClientHello {
            cipherSuites = List.copyOf(cipherSuites);
            extensions = List.copyOf(extensions);
        }

        public int handshakeType() {
            return HandshakeType.CLIENT_HELLO;
        }

        @Override
        public String toString() {
            return "ClientHello[legacyVersion=0x"
                    + Integer.toHexString(legacyVersion)
                    + ", random="
                    + Hex.of(random)
                    + ", legacySessionId="
                    + Hex.of(legacySessionId)
                    + ", cipherSuites="
                    + cipherSuites
                    + ", extensions="
                    + extensions
                    + "]";
        }
    }

    record ServerHello(
            int legacyVersion,
            byte[] random,
            byte[] legacySessionIdEcho,
            int cipherSuite,
            int legacyCompressionMethod,
            List<Extension> extensions)
            implements HandshakeMessage {
        public ServerHello {
            extensions = List.copyOf(extensions);
        }

        public int handshakeType() {
            return HandshakeType.SERVER_HELLO;
        }

        public boolean isHelloRetryRequest() {
            return Arrays.equals(random, HELLO_RETRY_REQUEST_RANDOM);
        }

        @Override
        public String toString() {
            return (isHelloRetryRequest() ? "HelloRetryRequest" : "ServerHello")
                    + "[random="
                    + Hex.of(random)
                    + ", cipherSuite=0x"
                    + Integer.toHexString(cipherSuite)
                    + ", extensions="
                    + extensions
                    + "]";
        }
    }

    record EncryptedExtensions(List<Extension> extensions) implements HandshakeMessage {
        public EncryptedExtensions {
            extensions = List.copyOf(extensions);
        }

        public int handshakeType() {
            return HandshakeType.ENCRYPTED_EXTENSIONS;
        }
    }

    record CertificateRequest(byte[] context, List<Extension> extensions)
            implements HandshakeMessage {
        public CertificateRequest {
            extensions = List.copyOf(extensions);
        }

        public int handshakeType() {
            return HandshakeType.CERTIFICATE_REQUEST;
        }
    }

    record CertificateEntry(byte[] certData, List<Extension> extensions) {
        public CertificateEntry {
            extensions = List.copyOf(extensions);
        }

        @Override
        public String toString() {
            return "CertificateEntry[" + certData.length + " bytes]";
        }
    }

    record Certificate(byte[] context, List<CertificateEntry> entries) implements HandshakeMessage {
        public Certificate {
            entries = List.copyOf(entries);
        }

        public int handshakeType() {
            return HandshakeType.CERTIFICATE;
        }
    }

    record CertificateVerify(int scheme, byte[] signature) implements HandshakeMessage {
        public int handshakeType() {
            return HandshakeType.CERTIFICATE_VERIFY;
        }

        @Override
        public String toString() {
            return "CertificateVerify[scheme=0x"
                    + Integer.toHexString(scheme)
                    + ", signature="
                    + Hex.of(signature)
                    + "]";
        }
    }

    record Finished(byte[] verifyData) implements HandshakeMessage {
        public int handshakeType() {
            return HandshakeType.FINISHED;
        }

        @Override
        public String toString() {
            return "Finished[verifyData=" + Hex.of(verifyData) + "]";
        }
    }

    record NewSessionTicket(
            long lifetime, long ageAdd, byte[] nonce, byte[] ticket, List<Extension> extensions)
            implements HandshakeMessage {
        public NewSessionTicket {
            extensions = List.copyOf(extensions);
        }

        public int handshakeType() {
            return HandshakeType.NEW_SESSION_TICKET;
        }

        @Override
        public String toString() {
            // The ticket is opaque (it may embed encrypted state): only its size is shown.
            return "NewSessionTicket[lifetime="
                    + lifetime
                    + ", ticket="
                    + ticket.length
                    + " bytes]";
        }
    }

    /**
     * A TLS 1.2 message that has no TLS 1.3 form (Certificate and CertificateRequest of 1.2,
     * ServerKeyExchange, ServerHelloDone, ClientKeyExchange, NewSessionTicket of RFC 5077,
     * HelloRequest). ClientHello, ServerHello, CertificateVerify and Finished have the same form in
     * both versions and use the records above.
     */
    record Tls12(io.tlsuite.protocol.message.Tls12HandshakeMessage message)
            implements HandshakeMessage {
        public int handshakeType() {
            return message.handshakeType();
        }

        @Override
        public String toString() {
            return message.toString();
        }
    }

    record KeyUpdate(boolean updateRequested) implements HandshakeMessage {
        public int handshakeType() {
            return HandshakeType.KEY_UPDATE;
        }
    }
}
