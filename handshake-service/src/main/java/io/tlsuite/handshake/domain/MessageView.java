package io.tlsuite.handshake.domain;

import io.tlsuite.handshake.events.TlsNames;
import io.tlsuite.protocol.message.Extension;
import io.tlsuite.protocol.message.HandshakeMessage;
import io.tlsuite.protocol.message.HandshakeMessage.Certificate;
import io.tlsuite.protocol.message.HandshakeMessage.CertificateRequest;
import io.tlsuite.protocol.message.HandshakeMessage.CertificateVerify;
import io.tlsuite.protocol.message.HandshakeMessage.ClientHello;
import io.tlsuite.protocol.message.HandshakeMessage.EncryptedExtensions;
import io.tlsuite.protocol.message.HandshakeMessage.Finished;
import io.tlsuite.protocol.message.HandshakeMessage.KeyUpdate;
import io.tlsuite.protocol.message.HandshakeMessage.NewSessionTicket;
import io.tlsuite.protocol.message.HandshakeMessage.ServerHello;
import io.tlsuite.protocol.message.HandshakeType;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The decoded view of one handshake message as JSON-ready maps: what a reader of RFC 8446 §4
 * expects to see (versions, randoms, suites, extensions, certificates). Everything here travels on
 * the wire (some of it encrypted under handshake keys); none of it is a secret. Tickets are shown
 * by length only: they are bearer handles.
 */
public final class MessageView {
    private static final HexFormat HEX = HexFormat.of();

    private MessageView() {}

    public static Map<String, Object> of(String direction, HandshakeMessage message, byte[] raw) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("direction", direction);
        v.put("type", HandshakeType.name(message.handshakeType()));
        v.put("length", raw.length);
        if (message instanceof ClientHello ch) {
            v.put("legacyVersion", TlsNames.version(ch.legacyVersion()));
            v.put("random", HEX.formatHex(ch.random()));
            v.put("legacySessionId", HEX.formatHex(ch.legacySessionId()));
            v.put("cipherSuites", ch.cipherSuites().stream().map(TlsNames::suite).toList());
            v.put("extensions", extensions(ch.extensions()));
        } else if (message instanceof ServerHello sh) {
            if (sh.isHelloRetryRequest()) {
                v.put("type", "hello_retry_request");
            }
            v.put("legacyVersion", TlsNames.version(sh.legacyVersion()));
            v.put("random", HEX.formatHex(sh.random()));
            v.put("legacySessionIdEcho", HEX.formatHex(sh.legacySessionIdEcho()));
            v.put("cipherSuite", TlsNames.suite(sh.cipherSuite()));
            v.put("extensions", extensions(sh.extensions()));
        } else if (message instanceof EncryptedExtensions ee) {
            v.put("extensions", extensions(ee.extensions()));
        } else if (message instanceof CertificateRequest cr) {
            v.put("extensions", extensions(cr.extensions()));
        } else if (message instanceof Certificate c) {
            List<Map<String, Object>> certs = new ArrayList<>();
            for (HandshakeMessage.CertificateEntry e : c.entries()) {
                certs.add(certificate(e.certData()));
            }
            v.put("certificates", certs);
        } else if (message instanceof CertificateVerify cv) {
            v.put("signatureScheme", TlsNames.scheme(cv.scheme()));
            v.put("signatureLength", cv.signature().length);
        } else if (message instanceof Finished f) {
            v.put("verifyData", HEX.formatHex(f.verifyData()));
        } else if (message instanceof NewSessionTicket t) {
            v.put("lifetimeSeconds", t.lifetime());
            v.put("ticketLength", t.ticket().length);
        } else if (message instanceof KeyUpdate k) {
            v.put("updateRequested", k.updateRequested());
        } else if (message instanceof HandshakeMessage.Tls12) {
            // TLS 1.2 only messages (Certificate, ServerKeyExchange, ServerHelloDone,
            // ClientKeyExchange, ...): the engine's own public view; an RSA-encrypted pre-master
            // secret appears by algorithm and length only.
            io.tlsuite.protocol.MessageFields.of(message).forEach(v::putIfAbsent);
        }
        v.put("rawHex", HEX.formatHex(raw));
        return v;
    }

    /** Subject, issuer, serial and validity of a DER certificate. */
    public static Map<String, Object> certificate(byte[] der) {
        Map<String, Object> v = new LinkedHashMap<>();
        try {
            X509Certificate x =
                    (X509Certificate)
                            CertificateFactory.getInstance("X.509")
                                    .generateCertificate(new ByteArrayInputStream(der));
            v.put("subject", x.getSubjectX500Principal().getName());
            v.put("issuer", x.getIssuerX500Principal().getName());
            v.put("serial", x.getSerialNumber().toString(16));
            v.put("notBefore", x.getNotBefore().toInstant().toString());
            v.put("notAfter", x.getNotAfter().toInstant().toString());
            v.put("publicKey", x.getPublicKey().getAlgorithm());
        } catch (CertificateException | RuntimeException e) {
            v.put("unparsable", true);
        }
        v.put("length", der.length);
        return v;
    }

    static List<Map<String, Object>> extensions(List<Extension> extensions) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Extension e : extensions) {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("type", TlsNames.extension(e.type()));
            if (e instanceof Extension.ServerName sn) {
                v.put("hostName", sn.hostName());
            } else if (e instanceof Extension.SupportedGroups g) {
                v.put("groups", g.groups().stream().map(TlsNames::group).toList());
            } else if (e instanceof Extension.SignatureAlgorithms s) {
                v.put("schemes", s.schemes().stream().map(TlsNames::scheme).toList());
            } else if (e instanceof Extension.Alpn a) {
                v.put("protocols", a.protocols());
            } else if (e instanceof Extension.ClientSupportedVersions sv) {
                v.put("versions", sv.versions().stream().map(TlsNames::version).toList());
            } else if (e instanceof Extension.ServerSupportedVersion sv) {
                v.put("version", TlsNames.version(sv.version()));
            } else if (e instanceof Extension.ClientKeyShares ks) {
                List<Map<String, Object>> shares = new ArrayList<>();
                for (Extension.KeyShareEntry s : ks.shares()) {
                    shares.add(
                            Map.of(
                                    "group",
                                    TlsNames.group(s.group()),
                                    "keyExchange",
                                    HEX.formatHex(s.keyExchange())));
                }
                v.put("shares", shares);
            } else if (e instanceof Extension.ServerKeyShare ks) {
                v.put("group", TlsNames.group(ks.share().group()));
                v.put("keyExchange", HEX.formatHex(ks.share().keyExchange()));
            } else if (e instanceof Extension.HelloRetryKeyShare h) {
                v.put("selectedGroup", TlsNames.group(h.selectedGroup()));
            } else if (e instanceof Extension.PskKeyExchangeModes m) {
                v.put("modes", m.modes());
            } else if (e instanceof Extension.ClientPreSharedKey p) {
                v.put("identities", p.identities().size());
            } else if (e instanceof Extension.ServerPreSharedKey p) {
                v.put("selectedIdentity", p.selectedIdentity());
            } else if (e instanceof Extension.Unknown u) {
                v.put("length", u.data().length);
            }
            out.add(v);
        }
        return out;
    }
}
