package io.tlsuite.handshake.events;

import io.tlsuite.protocol.crypto.NamedGroup;
import io.tlsuite.protocol.crypto.SignatureScheme;
import io.tlsuite.protocol.message.ExtensionType;
import java.util.HexFormat;
import java.util.Locale;

/** The IANA names of TLS code points, for JSON views and events (RFC 8446 §B.3, §4.2). */
public final class TlsNames {
    private TlsNames() {}

    public static String version(int code) {
        return switch (code) {
            case 0x0300 -> "SSL 3.0";
            case 0x0301 -> "TLS 1.0";
            case 0x0302 -> "TLS 1.1";
            case 0x0303 -> "TLS 1.2";
            case 0x0304 -> "TLS 1.3";
            default -> hex(code);
        };
    }

    /** The JSSE/OpenSSL spelling of a negotiated version: "TLSv1.3", "TLSv1.2". */
    public static String protocol(io.tlsuite.protocol.codec.ProtocolVersion v) {
        return switch (v) {
            case TLS_1_3 -> "TLSv1.3";
            case TLS_1_2 -> "TLSv1.2";
            case TLS_1_1 -> "TLSv1.1";
            case TLS_1_0 -> "TLSv1";
            case SSL_3_0 -> "SSLv3";
        };
    }

    /**
     * The version named {@code TLSv1.3} or {@code TLSv1.2} (as in {@link #protocol}), for
     * configuration; anything else is refused with the accepted names.
     */
    public static io.tlsuite.protocol.codec.ProtocolVersion negotiableVersion(String name) {
        return switch (name.trim()) {
            case "TLSv1.3" -> io.tlsuite.protocol.codec.ProtocolVersion.TLS_1_3;
            case "TLSv1.2" -> io.tlsuite.protocol.codec.ProtocolVersion.TLS_1_2;
            default ->
                    throw new IllegalArgumentException(
                            "handshake.tls.versions: '"
                                    + name.trim()
                                    + "' cannot be negotiated (accepted: TLSv1.3, TLSv1.2)");
        };
    }

    /** The IANA name of a TLS 1.3 or TLS 1.2 suite the engine knows, else its hex code. */
    public static String suite(int code) {
        return io.tlsuite.protocol.crypto.TlsCipherSuite.of(code)
                .map(io.tlsuite.protocol.crypto.TlsCipherSuite::name)
                .orElseGet(() -> hex(code));
    }

    public static String group(int code) {
        return NamedGroup.of(code).map(TlsNames::group).orElseGet(() -> hex(code));
    }

    /** The group's IANA name (x25519, secp384r1, ffdhe2048, ...); null when none was used. */
    public static String group(NamedGroup g) {
        if (g == null) {
            return null;
        }
        return g.name().toLowerCase(java.util.Locale.ROOT);
    }

    public static String scheme(int code) {
        return SignatureScheme.of(code)
                .map(s -> s.name().toLowerCase(Locale.ROOT))
                .orElseGet(() -> hex(code));
    }

    public static String extension(int type) {
        String n = ExtensionType.name(type);
        if (!n.startsWith("unknown")) {
            return n;
        }
        switch (type) {
            case 5:
                return "status_request";
            case 11:
                return "ec_point_formats";
            case 21:
                return "padding";
            case 22:
                return "encrypt_then_mac";
            case 23:
                return "extended_master_secret";
            case 35:
                return "session_ticket";
            case 49:
                return "post_handshake_auth";
            case 50:
                return "signature_algorithms_cert";
            case 65281:
                return "renegotiation_info";
            default:
                return n;
        }
    }

    /**
     * {@code 0x} and four lower-case hex digits (called for every unknown code point a peer
     * offers).
     */
    static String hex(int code) {
        return "0x" + HexFormat.of().toHexDigits((short) code);
    }
}
