package io.tlsuite.protocol.message;

import io.tlsuite.protocol.alert.AlertDescription;
import io.tlsuite.protocol.alert.TlsAlertException;
import io.tlsuite.protocol.codec.ByteReader;
import io.tlsuite.protocol.codec.ByteWriter;
import io.tlsuite.protocol.crypto.Tls12CipherSuite.KeyExchangeAlgorithm;
import io.tlsuite.protocol.message.Tls12HandshakeMessage.Certificate12;
import io.tlsuite.protocol.message.Tls12HandshakeMessage.CertificateRequest12;
import io.tlsuite.protocol.message.Tls12HandshakeMessage.CertificateStatus12;
import io.tlsuite.protocol.message.Tls12HandshakeMessage.ClientKeyExchangeEcdhe;
import io.tlsuite.protocol.message.Tls12HandshakeMessage.ClientKeyExchangeRsa;
import io.tlsuite.protocol.message.Tls12HandshakeMessage.HelloRequest;
import io.tlsuite.protocol.message.Tls12HandshakeMessage.NewSessionTicket12;
import io.tlsuite.protocol.message.Tls12HandshakeMessage.ServerHelloDone;
import io.tlsuite.protocol.message.Tls12HandshakeMessage.ServerKeyExchangeEcdhe;
import java.util.ArrayList;
import java.util.List;

/**
 * TLS 1.2 handshake message bodies to bytes and back (RFC 5246 §7.4, RFC 8422 §5, RFC 6066 §8
 * CertificateStatus). Every length is checked before it is read ({@link ByteReader}); trailing
 * bytes and empty vectors that the RFC bounds below are {@code decode_error}. ServerKeyExchange and
 * ClientKeyExchange depend on the negotiated key exchange, so decoding takes it.
 */
public final class Tls12HandshakeCodec {
    private Tls12HandshakeCodec() {}

    public static final int HELLO_REQUEST = 0;
    public static final int NEW_SESSION_TICKET = 4;
    public static final int CERTIFICATE = 11;
    public static final int SERVER_KEY_EXCHANGE = 12;
    public static final int CERTIFICATE_REQUEST = 13;
    public static final int SERVER_HELLO_DONE = 14;
    public static final int CLIENT_KEY_EXCHANGE = 16;
    public static final int CERTIFICATE_STATUS = 22;

    /**
     * Decodes the body of a TLS 1.2-specific message. {@code keyExchange} selects the form of
     * ServerKeyExchange/ClientKeyExchange; a ServerKeyExchange in a static RSA suite is
     * unexpected_message (RFC 5246 §7.4.3), as is any type this codec does not handle.
     */
    public static Tls12HandshakeMessage decode(
            int type, byte[] body, KeyExchangeAlgorithm keyExchange) throws TlsAlertException {
        ByteReader r = new ByteReader(body);
        Tls12HandshakeMessage m =
                switch (type) {
                    case HELLO_REQUEST -> new HelloRequest();
                    case NEW_SESSION_TICKET -> new NewSessionTicket12(r.u32(), r.vector16());
                    case CERTIFICATE -> certificate(r);
                    case SERVER_KEY_EXCHANGE -> {
                        if (keyExchange == KeyExchangeAlgorithm.RSA) {
                            throw TlsAlertException.unexpected(
                                    "ServerKeyExchange in a static RSA suite");
                        }
                        yield serverKeyExchange(r);
                    }
                    case CERTIFICATE_REQUEST -> certificateRequest(r);
                    case SERVER_HELLO_DONE -> new ServerHelloDone();
                    case CERTIFICATE_STATUS ->
                            new CertificateStatus12(ExtensionCodec.decodeCertificateStatus(r));
                    case CLIENT_KEY_EXCHANGE ->
                            keyExchange == KeyExchangeAlgorithm.RSA
                                    ? new ClientKeyExchangeRsa(
                                            nonEmpty(r.vector16(), "encrypted pre-master secret"))
                                    : new ClientKeyExchangeEcdhe(
                                            nonEmpty(r.vector8(), "ECDH point"));
                    default ->
                            throw new TlsAlertException(
                                    AlertDescription.UNEXPECTED_MESSAGE,
                                    "unsupported TLS 1.2 handshake type " + type);
                };
        r.expectEnd("TLS 1.2 handshake type " + type);
        return m;
    }

    private static byte[] nonEmpty(byte[] b, String what) throws TlsAlertException {
        if (b.length == 0) {
            throw TlsAlertException.decodeError("empty " + what);
        }
        return b;
    }

    private static ServerKeyExchangeEcdhe serverKeyExchange(ByteReader r) throws TlsAlertException {
        int curveType = r.u8();
        if (curveType != Tls12HandshakeMessage.NAMED_CURVE) {
            // RFC 8422 §5.4: explicit curves are deprecated; only named_curve is allowed.
            throw TlsAlertException.illegalParameter(
                    "ECCurveType " + curveType + " is not named_curve");
        }
        int group = r.u16();
        byte[] point = nonEmpty(r.vector8(), "ECDH point");
        int scheme = r.u16();
        byte[] signature = nonEmpty(r.vector16(), "signature");
        return new ServerKeyExchangeEcdhe(group, point, scheme, signature);
    }

    private static CertificateRequest12 certificateRequest(ByteReader r) throws TlsAlertException {
        ByteReader types = r.sub8();
        if (!types.hasRemaining()) {
            throw TlsAlertException.decodeError("empty certificate_types");
        }
        List<Integer> certificateTypes = new ArrayList<>();
        while (types.hasRemaining()) {
            certificateTypes.add(types.u8());
        }
        ByteReader schemes = r.sub16();
        if (!schemes.hasRemaining() || schemes.remaining() % 2 != 0) {
            throw TlsAlertException.decodeError("bad supported_signature_algorithms length");
        }
        List<Integer> signatureSchemes = new ArrayList<>();
        while (schemes.hasRemaining()) {
            signatureSchemes.add(schemes.u16());
        }
        ByteReader cas = r.sub16();
        List<byte[]> authorities = new ArrayList<>();
        while (cas.hasRemaining()) {
            authorities.add(nonEmpty(cas.vector16(), "DistinguishedName"));
        }
        return new CertificateRequest12(certificateTypes, signatureSchemes, authorities);
    }

    private static Certificate12 certificate(ByteReader r) throws TlsAlertException {
        ByteReader list = r.sub24();
        List<byte[]> certificates = new ArrayList<>();
        while (list.hasRemaining()) {
            certificates.add(nonEmpty(list.vector24(), "certificate"));
        }
        return new Certificate12(certificates);
    }

    /**
     * Decodes any handshake message of a TLS 1.2 connection: ClientHello, ServerHello,
     * CertificateVerify and Finished through {@link HandshakeCodec} (same form as TLS 1.3), the
     * rest through {@link #decode} wrapped in {@link HandshakeMessage.Tls12}. Types that TLS 1.2
     * does not have (EncryptedExtensions, KeyUpdate, ...) are unexpected_message.
     */
    public static HandshakeMessage decodeAny(
            int type, byte[] body, KeyExchangeAlgorithm keyExchange) throws TlsAlertException {
        return switch (type) {
            case HandshakeType.CLIENT_HELLO,
                    HandshakeType.SERVER_HELLO,
                    HandshakeType.CERTIFICATE_VERIFY,
                    HandshakeType.FINISHED ->
                    HandshakeCodec.decode(type, body);
            default -> new HandshakeMessage.Tls12(decode(type, body, keyExchange));
        };
    }

    /** Encodes a message with its 4-byte handshake header (type u8, length u24). */
    public static byte[] encode(Tls12HandshakeMessage m) {
        ByteWriter w = new ByteWriter(512);
        w.u8(m.handshakeType());
        int mark = w.begin24();
        if (m instanceof ServerKeyExchangeEcdhe ske) {
            w.bytes(ske.encodedParams()).u16(ske.signatureScheme()).vector16(ske.signature());
        } else if (m instanceof ClientKeyExchangeEcdhe cke) {
            w.vector8(cke.publicPoint());
        } else if (m instanceof ClientKeyExchangeRsa cke) {
            w.vector16(cke.encryptedPreMasterSecret());
        } else if (m instanceof CertificateRequest12 cr) {
            int types = w.begin8();
            for (int t : cr.certificateTypes()) {
                w.u8(t);
            }
            w.end8(types);
            int schemes = w.begin16();
            for (int s : cr.signatureSchemes()) {
                w.u16(s);
            }
            w.end16(schemes);
            int cas = w.begin16();
            for (byte[] dn : cr.certificateAuthorities()) {
                w.vector16(dn);
            }
            w.end16(cas);
        } else if (m instanceof NewSessionTicket12 t) {
            w.u32(t.lifetimeHintSeconds()).vector16(t.ticket());
        } else if (m instanceof CertificateStatus12 cs) {
            ExtensionCodec.encodeCertificateStatus(w, cs.ocspResponse());
        } else if (m instanceof Certificate12 c) {
            int list = w.begin24();
            for (byte[] cert : c.certificates()) {
                w.vector24(cert);
            }
            w.end24(list);
        }
        // ServerHelloDone: empty body.
        w.end24(mark);
        return w.toByteArray();
    }
}
