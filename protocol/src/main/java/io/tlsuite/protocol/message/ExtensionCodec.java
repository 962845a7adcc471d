package io.tlsuite.protocol.message;

import io.tlsuite.protocol.alert.TlsAlertException;
import io.tlsuite.protocol.codec.ByteReader;
import io.tlsuite.protocol.codec.ByteWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Encodes and decodes extension blocks (RFC 8446 §4.2). */
public final class ExtensionCodec {
    private ExtensionCodec() {}

    /**
     * Decodes a {@code Extension extensions<0..2^16-1>} block; duplicates are illegal_parameter.
     */
    public static List<Extension> decodeBlock(ByteReader r, ExtensionContext ctx)
            throws TlsAlertException {
        ByteReader block = r.sub16();
        List<Extension> out = new ArrayList<>();
        Set<Integer> seen = new HashSet<>();
        while (block.hasRemaining()) {
            int type = block.u16();
            byte[] data = block.vector16();
            if (!seen.add(type)) {
                throw TlsAlertException.illegalParameter(
                        "duplicate extension " + ExtensionType.name(type));
            }
            out.add(decode(type, data, ctx));
        }
        if (ctx == ExtensionContext.CLIENT_HELLO
                && seen.contains(ExtensionType.PRE_SHARED_KEY)
                && out.get(out.size() - 1).type() != ExtensionType.PRE_SHARED_KEY) {
            // RFC 8446 §4.2.11: pre_shared_key MUST be the last extension in the ClientHello.
            throw TlsAlertException.illegalParameter("pre_shared_key is not the last extension");
        }
        return out;
    }

    public static void encodeBlock(ByteWriter w, List<Extension> extensions) {
        int mark = w.begin16();
        for (Extension e : extensions) {
            w.u16(e.type());
            w.vector16(encode(e));
        }
        w.end16(mark);
    }

    static Extension decode(int type, byte[] data, ExtensionContext ctx) throws TlsAlertException {
        ByteReader r = new ByteReader(data);
        Extension e;
        switch (type) {
            case ExtensionType.SERVER_NAME -> {
                if (ctx == ExtensionContext.CLIENT_HELLO) {
                    e = decodeServerName(r);
                } else if (data.length == 0) {
                    e = new Extension.ServerNameAck();
                } else {
                    throw TlsAlertException.decodeError("server_name ack must be empty");
                }
            }
            case ExtensionType.STATUS_REQUEST -> {
                if (ctx == ExtensionContext.CLIENT_HELLO) {
                    e = decodeStatusRequest(r);
                } else if (ctx == ExtensionContext.CERTIFICATE) {
                    e = new Extension.CertificateStatus(decodeCertificateStatus(r));
                } else {
                    // TLS 1.2 ServerHello (empty), TLS 1.3 CertificateRequest: not interpreted.
                    return new Extension.Unknown(type, data);
                }
            }
            case ExtensionType.SUPPORTED_GROUPS ->
                    e = new Extension.SupportedGroups(u16List(r.sub16(), 2));
            case ExtensionType.SIGNATURE_ALGORITHMS ->
                    e = new Extension.SignatureAlgorithms(u16List(r.sub16(), 2));
            case ExtensionType.ALPN -> e = decodeAlpn(r, ctx);
            case ExtensionType.SUPPORTED_VERSIONS -> {
                if (ctx == ExtensionContext.CLIENT_HELLO) {
                    ByteReader list = r.sub8();
                    List<Integer> versions = new ArrayList<>();
                    while (list.hasRemaining()) {
                        versions.add(list.u16());
                    }
                    if (versions.isEmpty()) {
                        throw TlsAlertException.decodeError("empty supported_versions");
                    }
                    e = new Extension.ClientSupportedVersions(versions);
                } else {
                    e = new Extension.ServerSupportedVersion(r.u16());
                }
            }
            case ExtensionType.KEY_SHARE -> {
                if (ctx == ExtensionContext.CLIENT_HELLO) {
                    ByteReader list = r.sub16();
                    List<Extension.KeyShareEntry> shares = new ArrayList<>();
                    Set<Integer> groups = new HashSet<>();
                    while (list.hasRemaining()) {
                        Extension.KeyShareEntry entry = keyShareEntry(list);
                        if (!groups.add(entry.group())) {
                            // RFC 8446 §4.2.8: no two shares for the same group.
                            throw TlsAlertException.illegalParameter("duplicate key share group");
                        }
                        shares.add(entry);
                    }
                    e = new Extension.ClientKeyShares(shares);
                } else if (ctx == ExtensionContext.HELLO_RETRY_REQUEST) {
                    e = new Extension.HelloRetryKeyShare(r.u16());
                } else {
                    e = new Extension.ServerKeyShare(keyShareEntry(r));
                }
            }
            case ExtensionType.PSK_KEY_EXCHANGE_MODES -> {
                ByteReader list = r.sub8();
                List<Integer> modes = new ArrayList<>();
                while (list.hasRemaining()) {
                    modes.add(list.u8());
                }
                e = new Extension.PskKeyExchangeModes(modes);
            }
            case ExtensionType.PRE_SHARED_KEY -> {
                if (ctx == ExtensionContext.CLIENT_HELLO) {
                    e = decodeClientPsk(r);
                } else {
                    e = new Extension.ServerPreSharedKey(r.u16());
                }
            }
            case ExtensionType.COOKIE -> {
                byte[] cookie = r.vector16();
                if (cookie.length == 0) {
                    throw TlsAlertException.decodeError("empty cookie");
                }
                e = new Extension.Cookie(cookie);
            }
            default -> {
                return new Extension.Unknown(type, data);
            }
        }
        r.expectEnd(ExtensionType.name(type));
        return e;
    }

    /** RFC 6066 §8: CertificateStatusRequest; for ocsp, the OCSPStatusRequest's two vectors. */
    private static Extension decodeStatusRequest(ByteReader r) throws TlsAlertException {
        int statusType = r.u8();
        if (statusType != Extension.StatusRequest.OCSP) {
            return new Extension.StatusRequest(
                    statusType, new byte[0], new byte[0], r.bytes(r.remaining()));
        }
        byte[] responderIds = r.vector16();
        byte[] requestExtensions = r.vector16();
        return new Extension.StatusRequest(
                statusType, responderIds, requestExtensions, new byte[0]);
    }

    /**
     * RFC 6066 §8 CertificateStatus: status_type ocsp(1), then {@code OCSPResponse
     * ocsp_response<1..2^24-1>}. Shared by the TLS 1.3 CertificateEntry extension and the TLS 1.2
     * CertificateStatus message.
     */
    public static byte[] decodeCertificateStatus(ByteReader r) throws TlsAlertException {
        int statusType = r.u8();
        if (statusType != Extension.StatusRequest.OCSP) {
            throw TlsAlertException.decodeError("CertificateStatus of status_type " + statusType);
        }
        byte[] response = r.vector24();
        if (response.length == 0) {
            throw TlsAlertException.decodeError("empty OCSPResponse");
        }
        return response;
    }

    /** The CertificateStatus body of {@link #decodeCertificateStatus}. */
    public static void encodeCertificateStatus(ByteWriter w, byte[] ocspResponse) {
        w.u8(Extension.StatusRequest.OCSP).vector24(ocspResponse);
    }

    private static Extension decodeServerName(ByteReader r) throws TlsAlertException {
        ByteReader list = r.sub16();
        String host = null;
        while (list.hasRemaining()) {
            int nameType = list.u8();
            byte[] name = list.vector16();
            if (nameType == 0) {
                if (host != null) {
                    throw TlsAlertException.illegalParameter("two host_name entries");
                }
                if (name.length == 0) {
                    throw TlsAlertException.decodeError("empty host_name");
                }
                host = new String(name, StandardCharsets.US_ASCII);
            }
        }
        if (host == null) {
            throw TlsAlertException.decodeError("server_name without host_name");
        }
        return new Extension.ServerName(host);
    }

    private static Extension decodeAlpn(ByteReader r, ExtensionContext ctx)
            throws TlsAlertException {
        ByteReader list = r.sub16();
        List<String> protocols = new ArrayList<>();
        while (list.hasRemaining()) {
            byte[] p = list.vector8();
            if (p.length == 0) {
                throw TlsAlertException.decodeError("empty ALPN protocol name");
            }
            protocols.add(new String(p, StandardCharsets.ISO_8859_1));
        }
        if (protocols.isEmpty()
                || (ctx != ExtensionContext.CLIENT_HELLO && protocols.size() != 1)) {
            // RFC 7301 §3.1: the server's list contains exactly one protocol.
            throw TlsAlertException.decodeError("bad ALPN list size " + protocols.size());
        }
        return new Extension.Alpn(protocols);
    }

    private static Extension decodeClientPsk(ByteReader r) throws TlsAlertException {
        ByteReader ids = r.sub16();
        List<Extension.PskIdentity> identities = new ArrayList<>();
        while (ids.hasRemaining()) {
            byte[] identity = ids.vector16();
            if (identity.length == 0) {
                throw TlsAlertException.decodeError("empty PSK identity");
            }
            identities.add(new Extension.PskIdentity(identity, ids.u32()));
        }
        ByteReader bs = r.sub16();
        List<byte[]> binders = new ArrayList<>();
        while (bs.hasRemaining()) {
            byte[] b = bs.vector8();
            if (b.length < 32) {
                throw TlsAlertException.decodeError("PSK binder too short");
            }
            binders.add(b);
        }
        if (identities.isEmpty() || identities.size() != binders.size()) {
            throw TlsAlertException.illegalParameter("PSK identities and binders do not match");
        }
        return new Extension.ClientPreSharedKey(identities, binders);
    }

    private static Extension.KeyShareEntry keyShareEntry(ByteReader r) throws TlsAlertException {
        int group = r.u16();
        byte[] key = r.vector16();
        if (key.length == 0) {
            throw TlsAlertException.decodeError("empty key_exchange");
        }
        return new Extension.KeyShareEntry(group, key);
    }

    private static List<Integer> u16List(ByteReader r, int minBytes) throws TlsAlertException {
        if (r.remaining() < minBytes || r.remaining() % 2 != 0) {
            throw TlsAlertException.decodeError("bad u16 list length " + r.remaining());
        }
        List<Integer> out = new ArrayList<>();
        while (r.hasRemaining()) {
            out.add(r.u16());
        }
        return out;
    }

    public static byte[] encode(Extension e) {
        ByteWriter w = new ByteWriter(64);
        if (e instanceof Extension.ServerName sn) {
            int list = w.begin16();
            w.u8(0);
            w.vector16(sn.hostName().getBytes(StandardCharsets.US_ASCII));
            w.end16(list);
        } else if (e instanceof Extension.ServerNameAck) {
            // empty
        } else if (e instanceof Extension.SupportedGroups g) {
            writeU16List(w, g.groups());
        } else if (e instanceof Extension.SignatureAlgorithms s) {
            writeU16List(w, s.schemes());
        } else if (e instanceof Extension.Alpn a) {
            int list = w.begin16();
            for (String p : a.protocols()) {
                w.vector8(p.getBytes(StandardCharsets.ISO_8859_1));
            }
            w.end16(list);
        } else if (e instanceof Extension.ClientSupportedVersions v) {
            int list = w.begin8();
            for (int version : v.versions()) {
                w.u16(version);
            }
            w.end8(list);
        } else if (e instanceof Extension.ServerSupportedVersion v) {
            w.u16(v.version());
        } else if (e instanceof Extension.ClientKeyShares ks) {
            int list = w.begin16();
            for (Extension.KeyShareEntry entry : ks.shares()) {
                w.u16(entry.group()).vector16(entry.keyExchange());
            }
            w.end16(list);
        } else if (e instanceof Extension.ServerKeyShare ks) {
            w.u16(ks.share().group()).vector16(ks.share().keyExchange());
        } else if (e instanceof Extension.HelloRetryKeyShare ks) {
            w.u16(ks.selectedGroup());
        } else if (e instanceof Extension.PskKeyExchangeModes m) {
            int list = w.begin8();
            for (int mode : m.modes()) {
                w.u8(mode);
            }
            w.end8(list);
        } else if (e instanceof Extension.ClientPreSharedKey psk) {
            int ids = w.begin16();
            for (Extension.PskIdentity id : psk.identities()) {
                w.vector16(id.identity()).u32(id.obfuscatedTicketAge());
            }
            w.end16(ids);
            int bs = w.begin16();
            for (byte[] b : psk.binders()) {
                w.vector8(b);
            }
            w.end16(bs);
        } else if (e instanceof Extension.ServerPreSharedKey psk) {
            w.u16(psk.selectedIdentity());
        } else if (e instanceof Extension.Cookie c) {
            w.vector16(c.cookie());
        } else if (e instanceof Extension.StatusRequest sr) {
            w.u8(sr.statusType());
            if (sr.isOcsp()) {
                w.vector16(sr.responderIdList()).vector16(sr.requestExtensions());
            } else {
                w.bytes(sr.otherRequest());
            }
        } else if (e instanceof Extension.CertificateStatus cs) {
            encodeCertificateStatus(w, cs.ocspResponse());
        } else if (e instanceof Extension.Unknown u) {
            w.bytes(u.data());
        }
        return w.toByteArray();
    }

    private static void writeU16List(ByteWriter w, List<Integer> values) {
        int list = w.begin16();
        for (int v : values) {
            w.u16(v);
        }
        w.end16(list);
    }
}
