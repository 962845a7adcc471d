package io.tlsuite.protocol;

import io.tlsuite.protocol.codec.Hex;
import io.tlsuite.protocol.crypto.NamedGroup;
import io.tlsuite.protocol.crypto.SignatureScheme;
import io.tlsuite.protocol.message.Extension;
import io.tlsuite.protocol.message.ExtensionType;
import io.tlsuite.protocol.message.HandshakeMessage;
import io.tlsuite.protocol.message.HandshakeType;
import io.tlsuite.protocol.message.Tls12HandshakeMessage;
import java.io.ByteArrayInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The decoded fields of a handshake message as a JSON-friendly map (strings, numbers, booleans,
 * lists, maps), for events and timelines. Public values only: tickets and PSK identities appear by
 * size, never by content.
 */
public final class MessageFields {
    private MessageFields() {}

    public static Map<String, Object> of(HandshakeMessage m) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("type", HandshakeType.name(m.handshakeType()));
        if (m instanceof HandshakeMessage.ClientHello ch) {
            f.put("legacyVersion", version(ch.legacyVersion()));
            f.put("random", Hex.of(ch.random()));
            f.put("legacySessionId", Hex.of(ch.legacySessionId()));
            f.put("cipherSuites", ch.cipherSuites().stream().map(MessageFields::suite).toList());
            f.put("extensions", extensions(ch.extensions()));
        } else if (m instanceof HandshakeMessage.ServerHello sh) {
            f.put("helloRetryRequest", sh.isHelloRetryRequest());
            f.put("legacyVersion", version(sh.legacyVersion()));
            f.put("random", Hex.of(sh.random()));
            f.put("legacySessionIdEcho", Hex.of(sh.legacySessionIdEcho()));
            f.put("cipherSuite", suite(sh.cipherSuite()));
            f.put("extensions", extensions(sh.extensions()));
        } else if (m instanceof HandshakeMessage.EncryptedExtensions ee) {
            f.put("extensions", extensions(ee.extensions()));
        } else if (m instanceof HandshakeMessage.CertificateRequest cr) {
            f.put("context", Hex.of(cr.context()));
            f.put("extensions", extensions(cr.extensions()));
        } else if (m instanceof HandshakeMessage.Certificate c) {
            f.put("context", Hex.of(c.context()));
            List<Object> certs = new ArrayList<>();
            for (HandshakeMessage.CertificateEntry e : c.entries()) {
                Map<String, Object> cert = certificate(e.certData());
                if (!e.extensions().isEmpty()) {
                    cert.put("extensions", extensions(e.extensions()));
                }
                certs.add(cert);
            }
            f.put("certificates", certs);
        } else if (m instanceof HandshakeMessage.CertificateVerify cv) {
            f.put("scheme", scheme(cv.scheme()));
            f.put("signature", Hex.of(cv.signature()));
        } else if (m instanceof HandshakeMessage.Finished fin) {
            // An HMAC over the transcript: it proves the keys, it does not reveal them.
            f.put("verifyData", Hex.of(fin.verifyData()));
        } else if (m instanceof HandshakeMessage.NewSessionTicket t) {
            f.put("lifetimeSeconds", t.lifetime());
            f.put("nonce", Hex.of(t.nonce()));
            f.put("ticketLength", t.ticket().length);
            f.put("extensions", extensions(t.extensions()));
        } else if (m instanceof HandshakeMessage.KeyUpdate k) {
            f.put("updateRequested", k.updateRequested());
        } else if (m instanceof HandshakeMessage.Tls12 t) {
            tls12(t.message(), f);
        }
        return f;
    }

    /** TLS 1.2 messages: public values only; the RSA-encrypted pre-master secret by size. */
    private static void tls12(Tls12HandshakeMessage m, Map<String, Object> f) {
        if (m instanceof Tls12HandshakeMessage.Certificate12 c) {
            List<Object> certs = new ArrayList<>();
            for (byte[] der : c.certificates()) {
                certs.add(certificate(der));
            }
            f.put("certificates", certs);
        } else if (m instanceof Tls12HandshakeMessage.ServerKeyExchangeEcdhe ske) {
            f.put("keyExchange", "ECDHE");
            f.put("group", group(ske.namedGroup()));
            f.put("publicKey", Hex.of(ske.publicPoint()));
            f.put("scheme", scheme(ske.signatureScheme()));
            f.put("signature", Hex.of(ske.signature()));
        } else if (m instanceof Tls12HandshakeMessage.CertificateRequest12 cr) {
            f.put("certificateTypes", cr.certificateTypes());
            f.put("schemes", cr.signatureSchemes().stream().map(MessageFields::scheme).toList());
            f.put("certificateAuthorities", cr.certificateAuthorities().size());
        } else if (m instanceof Tls12HandshakeMessage.ClientKeyExchangeEcdhe cke) {
            f.put("keyExchange", "ECDHE");
            f.put("publicKey", Hex.of(cke.publicPoint()));
        } else if (m instanceof Tls12HandshakeMessage.ClientKeyExchangeRsa cke) {
            // The pre-master secret is encrypted to the server's key: shown by size only.
            f.put("keyExchange", "RSA");
            f.put("encryption", "RSAES-PKCS1-v1_5");
            f.put("encryptedPreMasterSecretLength", cke.encryptedPreMasterSecret().length);
        } else if (m instanceof Tls12HandshakeMessage.CertificateStatus12 cs) {
            f.put("statusType", "ocsp");
            f.put("ocspResponseLength", cs.ocspResponse().length);
        } else if (m instanceof Tls12HandshakeMessage.NewSessionTicket12 t) {
            f.put("lifetimeHintSeconds", t.lifetimeHintSeconds());
            f.put("ticketLength", t.ticket().length);
        }
    }

    private static List<Object> extensions(List<Extension> extensions) {
        List<Object> out = new ArrayList<>();
        for (Extension e : extensions) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("name", ExtensionType.name(e.type()));
            if (e instanceof Extension.ServerName sn) {
                x.put("hostName", sn.hostName());
            } else if (e instanceof Extension.SupportedGroups g) {
                x.put("groups", g.groups().stream().map(MessageFields::group).toList());
            } else if (e instanceof Extension.SignatureAlgorithms s) {
                x.put("schemes", s.schemes().stream().map(MessageFields::scheme).toList());
            } else if (e instanceof Extension.Alpn a) {
                x.put("protocols", a.protocols());
            } else if (e instanceof Extension.ClientSupportedVersions v) {
                x.put("versions", v.versions().stream().map(MessageFields::version).toList());
            } else if (e instanceof Extension.ServerSupportedVersion v) {
                x.put("version", version(v.version()));
            } else if (e instanceof Extension.ClientKeyShares ks) {
                List<Object> shares = new ArrayList<>();
                for (Extension.KeyShareEntry entry : ks.shares()) {
                    shares.add(
                            Map.of(
                                    "group",
                                    group(entry.group()),
                                    "keyExchange",
                                    Hex.of(entry.keyExchange())));
                }
                x.put("shares", shares);
            } else if (e instanceof Extension.ServerKeyShare ks) {
                x.put("group", group(ks.share().group()));
                x.put("keyExchange", Hex.of(ks.share().keyExchange()));
            } else if (e instanceof Extension.HelloRetryKeyShare ks) {
                x.put("selectedGroup", group(ks.selectedGroup()));
            } else if (e instanceof Extension.PskKeyExchangeModes pm) {
                x.put(
                        "modes",
                        pm.modes().stream()
                                .map(
                                        mode ->
                                                mode == 1
                                                        ? "psk_dhe_ke"
                                                        : mode == 0
                                                                ? "psk_ke"
                                                                : String.valueOf(mode))
                                .toList());
            } else if (e instanceof Extension.ClientPreSharedKey psk) {
                x.put("identities", psk.identities().size());
                x.put("binders", psk.binders().size());
            } else if (e instanceof Extension.ServerPreSharedKey psk) {
                x.put("selectedIdentity", psk.selectedIdentity());
            } else if (e instanceof Extension.Cookie c) {
                x.put("cookieLength", c.cookie().length);
            } else if (e instanceof Extension.StatusRequest sr) {
                x.put("statusType", sr.isOcsp() ? "ocsp" : String.valueOf(sr.statusType()));
            } else if (e instanceof Extension.CertificateStatus cs) {
                x.put("statusType", "ocsp");
                x.put("ocspResponseLength", cs.ocspResponse().length);
            } else if (e instanceof Extension.Unknown u) {
                x.put("type", u.type());
                x.put("length", u.data().length);
            }
            out.add(x);
        }
        return out;
    }

    private static Map<String, Object> certificate(byte[] der) {
        Map<String, Object> c = new LinkedHashMap<>();
        try {
            X509Certificate x =
                    (X509Certificate)
                            CertificateFactory.getInstance("X.509")
                                    .generateCertificate(new ByteArrayInputStream(der));
            c.put("subject", x.getSubjectX500Principal().getName());
            c.put("issuer", x.getIssuerX500Principal().getName());
            c.put("serial", x.getSerialNumber().toString(16));
            c.put("notBefore", x.getNotBefore().toInstant().toString());
            c.put("notAfter", x.getNotAfter().toInstant().toString());
            c.put("publicKey", x.getPublicKey().getAlgorithm());
            c.put("sha256", Hex.of(MessageDigest.getInstance("SHA-256").digest(der)));
        } catch (CertificateException | NoSuchAlgorithmException | RuntimeException e) {
            c.put("unparsable", true);
        }
        c.put("length", der.length);
        return c;
    }

    private static String suite(int code) {
        return io.tlsuite.protocol.crypto.TlsCipherSuite.of(code)
                .map(io.tlsuite.protocol.crypto.TlsCipherSuite::name)
                .orElse(String.format("0x%04x", code));
    }

    private static String group(int code) {
        return NamedGroup.of(code)
                .map(g -> g.name().toLowerCase(java.util.Locale.ROOT))
                .orElse(String.format("0x%04x", code));
    }

    private static String scheme(int code) {
        return SignatureScheme.of(code)
                .map(s -> s.name().toLowerCase(java.util.Locale.ROOT))
                .orElse(String.format("0x%04x", code));
    }

    private static String version(int code) {
        return switch (code) {
            case 0x0300 -> "SSL 3.0";
            case 0x0301 -> "TLS 1.0";
            case 0x0302 -> "TLS 1.1";
            case 0x0303 -> "TLS 1.2";
            case 0x0304 -> "TLS 1.3";
            default -> String.format("0x%04x", code);
        };
    }
}
