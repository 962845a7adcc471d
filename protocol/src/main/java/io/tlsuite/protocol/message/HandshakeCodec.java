package io.tlsuite.protocol.message;

import io.tlsuite.protocol.alert.AlertDescription;
import io.tlsuite.protocol.alert.TlsAlertException;
import io.tlsuite.protocol.codec.ByteReader;
import io.tlsuite.protocol.codec.ByteWriter;
import io.tlsuite.protocol.message.HandshakeMessage.Certificate;
import io.tlsuite.protocol.message.HandshakeMessage.CertificateEntry;
import io.tlsuite.protocol.message.HandshakeMessage.CertificateRequest;
import io.tlsuite.protocol.message.HandshakeMessage.CertificateVerify;
import io.tlsuite.protocol.message.HandshakeMessage.ClientHello;
import io.tlsuite.protocol.message.HandshakeMessage.EncryptedExtensions;
import io.tlsuite.protocol.message.HandshakeMessage.Finished;
import io.tlsuite.protocol.message.HandshakeMessage.KeyUpdate;
import io.tlsuite.protocol.message.HandshakeMessage.NewSessionTicket;
import io.tlsuite.protocol.message.HandshakeMessage.ServerHello;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Handshake message bodies to records and back (RFC 8446 §4); framing is {@code type u8, length
 * u24}.
 */
public final class HandshakeCodec {
    private HandshakeCodec() {}

    /** Decodes one message body of the given type. Unknown types are unexpected_message. */
    public static HandshakeMessage decode(int type, byte[] body) throws TlsAlertException {
        ByteReader r = new ByteReader(body);
        HandshakeMessage m =
                switch (type) {
                    case HandshakeType.CLIENT_HELLO -> clientHello(r);
                    case HandshakeType.SERVER_HELLO -> serverHello(r);
                    case HandshakeType.ENCRYPTED_EXTENSIONS ->
                            new EncryptedExtensions(
                                    ExtensionCodec.decodeBlock(
                                            r, ExtensionContext.ENCRYPTED_EXTENSIONS));
                    case HandshakeType.CERTIFICATE_REQUEST -> {
                        byte[] ctx = r.vector8();
                        yield new CertificateRequest(
                                ctx,
                                ExtensionCodec.decodeBlock(
                                        r, ExtensionContext.CERTIFICATE_REQUEST));
                    }
                    case HandshakeType.CERTIFICATE -> certificate(r);
                    case HandshakeType.CERTIFICATE_VERIFY ->
                            new CertificateVerify(r.u16(), r.vector16());
                    case HandshakeType.FINISHED -> new Finished(r.bytes(r.remaining()));
                    case HandshakeType.NEW_SESSION_TICKET -> {
                        long lifetime = r.u32();
                        long ageAdd = r.u32();
                        byte[] nonce = r.vector8();
                        byte[] ticket = r.vector16();
                        if (ticket.length == 0) {
                            throw TlsAlertException.decodeError("empty ticket");
                        }
                        yield new NewSessionTicket(
                                lifetime,
                                ageAdd,
                                nonce,
                                ticket,
                                ExtensionCodec.decodeBlock(r, ExtensionContext.NEW_SESSION_TICKET));
                    }
                    case HandshakeType.KEY_UPDATE -> {
                        int req = r.u8();
                        if (req > 1) {
                            throw TlsAlertException.illegalParameter("bad KeyUpdateRequest " + req);
                        }
                        yield new KeyUpdate(req == 1);
                    }
                    default ->
                            throw new TlsAlertException(
                                    AlertDescription.UNEXPECTED_MESSAGE,
                                    "unsupported handshake type " + HandshakeType.name(type));
                };
        r.expectEnd(HandshakeType.name(type));
        return m;
    }

    private static ClientHello clientHello(ByteReader r) throws TlsAlertException {
        int version = r.u16();
        byte[] random = r.bytes(32);
        byte[] sessionId = r.vector8();
        if (sessionId.length > 32) {
            throw TlsAlertException.illegalParameter("legacy_session_id longer than 32");
        }
        ByteReader suites = r.sub16();
        if (suites.remaining() < 2 || suites.remaining() % 2 != 0) {
            throw TlsAlertException.decodeError("bad cipher_suites length");
        }
        List<Integer> cipherSuites = new ArrayList<>();
        while (suites.hasRemaining()) {
            cipherSuites.add(suites.u16());
        }
        byte[] compression = r.vector8();
        if (compression.length == 0) {
            throw TlsAlertException.decodeError("empty compression methods");
        }
        // A ClientHello of SSL 3.0 may end here (no extensions block).
        List<Extension> extensions =
                r.hasRemaining()
                        ? ExtensionCodec.decodeBlock(r, ExtensionContext.CLIENT_HELLO)
                        : List.of();
        return new ClientHello(version, random, sessionId, cipherSuites, compression, extensions);
    }

    private static ServerHello serverHello(ByteReader r) throws TlsAlertException {
        int version = r.u16();
        byte[] random = r.bytes(32);
        byte[] sessionId = r.vector8();
        if (sessionId.length > 32) {
            throw TlsAlertException.illegalParameter("legacy_session_id_echo longer than 32");
        }
        int suite = r.u16();
        int compression = r.u8();
        ExtensionContext ctx =
                Arrays.equals(random, HandshakeMessage.HELLO_RETRY_REQUEST_RANDOM)
                        ? ExtensionContext.HELLO_RETRY_REQUEST
                        : ExtensionContext.SERVER_HELLO;
        List<Extension> extensions =
                r.hasRemaining() ? ExtensionCodec.decodeBlock(r, ctx) : List.of();
        return new ServerHello(version, random, sessionId, suite, compression, extensions);
    }

    private static Certificate certificate(ByteReader r) throws TlsAlertException {
        byte[] ctx = r.vector8();
        ByteReader list = r.sub24();
        List<CertificateEntry> entries = new ArrayList<>();
        while (list.hasRemaining()) {
            byte[] cert = list.vector24();
            if (cert.length == 0) {
                throw TlsAlertException.decodeError("empty certificate entry");
            }
            entries.add(
                    new CertificateEntry(
                            cert, ExtensionCodec.decodeBlock(list, ExtensionContext.CERTIFICATE)));
        }
        return new Certificate(ctx, entries);
    }

    /** Encodes a message with its 4-byte handshake header. */
    public static byte[] encode(HandshakeMessage m) {
        if (m instanceof HandshakeMessage.Tls12 t) {
            return io.tlsuite.protocol.message.Tls12HandshakeCodec.encode(t.message());
        }
        ByteWriter w = new ByteWriter(512);
        w.u8(m.handshakeType());
        int mark = w.begin24();
        if (m instanceof ClientHello ch) {
            w.u16(ch.legacyVersion()).bytes(ch.random()).vector8(ch.legacySessionId());
            int suites = w.begin16();
            for (int s : ch.cipherSuites()) {
                w.u16(s);
            }
            w.end16(suites);
            w.vector8(ch.legacyCompressionMethods());
            ExtensionCodec.encodeBlock(w, ch.extensions());
        } else if (m instanceof ServerHello sh) {
            w.u16(sh.legacyVersion()).bytes(sh.random()).vector8(sh.legacySessionIdEcho());
            w.u16(sh.cipherSuite()).u8(sh.legacyCompressionMethod());
            ExtensionCodec.encodeBlock(w, sh.extensions());
        } else if (m instanceof EncryptedExtensions ee) {
            ExtensionCodec.encodeBlock(w, ee.extensions());
        } else if (m instanceof CertificateRequest cr) {
            w.vector8(cr.context());
            ExtensionCodec.encodeBlock(w, cr.extensions());
        } else if (m instanceof Certificate c) {
            w.vector8(c.context());
            int list = w.begin24();
            for (CertificateEntry e : c.entries()) {
                w.vector24(e.certData());
                ExtensionCodec.encodeBlock(w, e.extensions());
            }
            w.end24(list);
        } else if (m instanceof CertificateVerify cv) {
            w.u16(cv.scheme()).vector16(cv.signature());
        } else if (m instanceof Finished f) {
            w.bytes(f.verifyData());
        } else if (m instanceof NewSessionTicket t) {
            w.u32(t.lifetime()).u32(t.ageAdd()).vector8(t.nonce()).vector16(t.ticket());
            ExtensionCodec.encodeBlock(w, t.extensions());
        } else if (m instanceof KeyUpdate k) {
            w.u8(k.updateRequested() ? 1 : 0);
        }
        w.end24(mark);
        return w.toByteArray();
    }

    /**
     * The ClientHello up to (not including) the binders list, the input of the PSK binder
     * transcript (RFC 8446 §4.2.11.2). {@code encoded} is the full encoded message.
     */
    public static byte[] truncateBinders(byte[] encoded, Extension.ClientPreSharedKey psk) {
        return Arrays.copyOf(encoded, encoded.length - psk.bindersLength());
    }
}
