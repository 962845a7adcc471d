package io.tlsuite.protocol.message;

import io.tlsuite.protocol.codec.Hex;
import java.util.List;

/**
 * A decoded extension. Which record a code point decodes to depends on the message that carries it
 * (RFC 8446 §4.2), see {@link ExtensionCodec}. Byte arrays are owned by the record: treat as
 * read-only.
 */
public sealed interface Extension {
    int type();

    record ServerName(String hostName) implements Extension {
        public int type() {
            return ExtensionType.SERVER_NAME;
        }
    }

    /** The empty server_name a server sends in EncryptedExtensions to acknowledge SNI. */
    record ServerNameAck() implements Extension {
        public int type() {
            return ExtensionType.SERVER_NAME;
        }
    }

    record SupportedGroups(List<Integer> groups) implements Extension {
        public SupportedGroups {
            groups = List.copyOf(groups);
        }

        public int type() {
            return ExtensionType.SUPPORTED_GROUPS;
        }
    }

    record SignatureAlgorithms(List<Integer> schemes) implements Extension {
        public SignatureAlgorithms {
            schemes = List.copyOf(schemes);
        }

        public int type() {
            return ExtensionType.SIGNATURE_ALGORITHMS;
        }
    }

    record Alpn(List<String> protocols) implements Extension {
        public Alpn {
            protocols = List.copyOf(protocols);
        }

        public int type() {
            return ExtensionType.ALPN;
        }
    }

    record ClientSupportedVersions(List<Integer> versions) implements Extension {
        public ClientSupportedVersions {
            versions = List.copyOf(versions);
        }

        public int type() {
            return ExtensionType.SUPPORTED_VERSIONS;
        }
    }

    record ServerSupportedVersion(int version) implements Extension {
        public int type() {
            return ExtensionType.SUPPORTED_VERSIONS;
        }
    }

    record KeyShareEntry(int group, byte[] keyExchange) {
        @Override
        public String toString() {
            return "KeyShareEntry[group=" + group + ", keyExchange=" + Hex.of(keyExchange) + "]";
        }
    }

    record ClientKeyShares(List<KeyShareEntry> shares) implements Extension {
        public ClientKeyShares {
            shares = List.copyOf(shares);
        }

        public int type() {
            return ExtensionType.KEY_SHARE;
        }
    }

    record ServerKeyShare(KeyShareEntry share) implements Extension {
        public int type() {
            return ExtensionType.KEY_SHARE;
        }
    }

    /** key_share in a HelloRetryRequest: only the group the server wants. */
    record HelloRetryKeyShare(int selectedGroup) implements Extension {
        public int type() {
            return ExtensionType.KEY_SHARE;
        }
    }

    record PskKeyExchangeModes(List<Integer> modes) implements Extension {
        public static final int PSK_KE = 0;
        public static final int PSK_DHE_KE = 1;

        public PskKeyExchangeModes {
            modes = List.copyOf(modes);
        }

        public int type() {
            return ExtensionType.PSK_KEY_EXCHANGE_MODES;
        }
    }

    record PskIdentity(byte[] identity, long obfuscatedTicketAge) {
        @Override
        public String toString() {
            return "PskIdentity[identity="
                    + identity.length
                    + " bytes, obfuscatedTicketAge="
                    + obfuscatedTicketAge
                    + "]";
        }
    }

    record ClientPreSharedKey(List<PskIdentity> identities, List<byte[]> binders)
            implements Extension {
        public ClientPreSharedKey {
            identities = List.copyOf(identities);
            binders = List.copyOf(binders);
        }

        public int type() {
            return ExtensionType.PRE_SHARED_KEY;
        }

        /**
         * Length of the binders list on the wire, including its 2-byte length (RFC 8446 §4.2.11.2).
         */
        public int bindersLength() {
            int n = 2;
            for (byte[] b : binders) {
                n += 1 + b.length;
            }
            return n;
        }
    }

    record ServerPreSharedKey(int selectedIdentity) implements Extension {
        public int type() {
            return ExtensionType.PRE_SHARED_KEY;
        }
    }

    record Cookie(byte[] cookie) implements Extension {
        public int type() {
            return ExtensionType.COOKIE;
        }
    }

    /**
     * status_request in a ClientHello (RFC 6066 §8, also TLS 1.3, RFC 8446 §4.4.2.1):
     * CertificateStatusRequest. For status_type ocsp(1), {@code responderIdList} and {@code
     * requestExtensions} are the encoded OCSPStatusRequest vectors' contents (DER ResponderIDs, DER
     * Extensions), kept as received; for any other type both are empty and {@code otherRequest}
     * holds the request bytes.
     */
    record StatusRequest(
            int statusType, byte[] responderIdList, byte[] requestExtensions, byte[] otherRequest)
            implements Extension {
        public static final int OCSP = 1;

        public int type() {
            return ExtensionType.STATUS_REQUEST;
        }

        public boolean isOcsp() {
            return statusType == OCSP;
        }

        /** A plain OCSP request: no responder ids, no request extensions. */
        public static StatusRequest ocsp() {
            return new StatusRequest(OCSP, new byte[0], new byte[0], new byte[0]);
        }

        @Override
        public String toString() {
            return "StatusRequest[type="
                    + statusType
                    + ", responderIds="
                    + responderIdList.length
                    + " bytes, extensions="
                    + requestExtensions.length
                    + " bytes]";
        }
    }

    /**
     * status_request in a TLS 1.3 CertificateEntry (RFC 8446 §4.4.2.1): the CertificateStatus of
     * RFC 6066 §8, status_type ocsp(1) and the DER OCSPResponse.
     */
    record CertificateStatus(byte[] ocspResponse) implements Extension {
        public int type() {
            return ExtensionType.STATUS_REQUEST;
        }

        @Override
        public String toString() {
            return "CertificateStatus[ocsp, " + ocspResponse.length + " bytes]";
        }
    }

    /** Any extension this engine does not interpret, kept byte for byte. */
    record Unknown(int type, byte[] data) implements Extension {
        @Override
        public String toString() {
            return "Unknown[type=" + type + ", data=" + Hex.of(data) + "]";
        }
    }

    /** Finds the first extension of the given record type. */
    static <T extends Extension> java.util.Optional<T> find(
            List<Extension> extensions, Class<T> type) {
        for (Extension e : extensions) {
            if (type.isInstance(e)) {
                return java.util.Optional.of(type.cast(e));
            }
        }
        return java.util.Optional.empty();
    }

    static boolean has(List<Extension> extensions, int type) {
        for (Extension e : extensions) {
            if (e.type() == type) {
                return true;
            }
        }
        return false;
    }
}
