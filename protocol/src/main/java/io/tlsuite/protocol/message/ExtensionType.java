package io.tlsuite.protocol.message;

/**
 * Extension code points used by this engine (RFC 8446 §4.2, RFC 6066 incl. §8 status_request, RFC
 * 7301; for TLS 1.2 RFC 8422, RFC 7627, RFC 5077, RFC 5746).
 */
public final class ExtensionType {
    private ExtensionType() {}

    public static final int SERVER_NAME = 0;
    public static final int STATUS_REQUEST = 5;
    public static final int SUPPORTED_GROUPS = 10;
    public static final int EC_POINT_FORMATS = 11;
    public static final int SIGNATURE_ALGORITHMS = 13;
    public static final int ALPN = 16;
    public static final int EXTENDED_MASTER_SECRET = 23;
    public static final int SESSION_TICKET = 35;
    public static final int PRE_SHARED_KEY = 41;
    public static final int EARLY_DATA = 42;
    public static final int SUPPORTED_VERSIONS = 43;
    public static final int COOKIE = 44;
    public static final int PSK_KEY_EXCHANGE_MODES = 45;
    public static final int KEY_SHARE = 51;
    public static final int RENEGOTIATION_INFO = 0xff01;

    public static String name(int type) {
        return switch (type) {
            case SERVER_NAME -> "server_name";
            case STATUS_REQUEST -> "status_request";
            case SUPPORTED_GROUPS -> "supported_groups";
            case SIGNATURE_ALGORITHMS -> "signature_algorithms";
            case ALPN -> "application_layer_protocol_negotiation";
            case PRE_SHARED_KEY -> "pre_shared_key";
            case EARLY_DATA -> "early_data";
            case SUPPORTED_VERSIONS -> "supported_versions";
            case COOKIE -> "cookie";
            case PSK_KEY_EXCHANGE_MODES -> "psk_key_exchange_modes";
            case KEY_SHARE -> "key_share";
            case EC_POINT_FORMATS -> "ec_point_formats";
            case EXTENDED_MASTER_SECRET -> "extended_master_secret";
            case SESSION_TICKET -> "session_ticket";
            case RENEGOTIATION_INFO -> "renegotiation_info";
            default -> "unknown(" + type + ")";
        };
    }
}
