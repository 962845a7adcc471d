package io.tlsuite.handshake.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.tlsuite.handshake.identity.Pem;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/**
 * A test peer for the certificate authority's REST contract ({@code POST /api/v1/certificates},
 * {@code GET /api/v1/ca/root}), with a Bouncy Castle root and intermediate of its own. It is not
 * the suite's CA: it signs whatever names a CSR asks for, so tests can enrol without the real CA
 * process (which the acceptance checks exercise). It can be told to refuse for a while ({@link
 * #refuseNext(int)}) to test retries.
 */
public final class TestCertificateAuthority implements AutoCloseable {
    private static final SecureRandom RANDOM = new SecureRandom();

    public final KeyPair rootKey = keyPair();
    public final X509Certificate root;
    public final KeyPair intermediateKey = keyPair();
    public final X509Certificate intermediate;
    private final HttpServer server;
    private final AtomicInteger refusals = new AtomicInteger();
    private final AtomicInteger issued = new AtomicInteger();
    private final java.util.Set<String> issuedSerials =
            java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final java.util.Set<String> revokedSerials =
            java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** The provisioner token this peer wants on {@code POST /api/v1/certificates}. */
    public static final String TOKEN = "test-provisioner-token";

    public TestCertificateAuthority() throws Exception {
        Instant now = Instant.now();
        root =
                sign(
                        new X500Name("CN=Test Root CA,O=Handshake Tests"),
                        rootKey.getPublic(),
                        new X500Name("CN=Test Root CA,O=Handshake Tests"),
                        rootKey.getPrivate(),
                        now,
                        Duration.ofDays(3650),
                        true,
                        null,
                        null);
        intermediate =
                sign(
                        new X500Name("CN=Test Intermediate CA,O=Handshake Tests"),
                        intermediateKey.getPublic(),
                        new X500Name("CN=Test Root CA,O=Handshake Tests"),
                        rootKey.getPrivate(),
                        now,
                        Duration.ofDays(3650),
                        true,
                        null,
                        null);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.createContext(
                "/api/v1/ca/root",
                ex -> respond(ex, 200, "application/x-pem-file", Pem.certificate(root)));
        server.createContext("/api/v1/certificates", this::issue);
        server.start();
    }

    /** A client of this peer with its provisioner token. */
    public io.tlsuite.handshake.identity.HttpCertificateAuthority client(
            com.fasterxml.jackson.databind.ObjectMapper json) {
        return new io.tlsuite.handshake.identity.HttpCertificateAuthority(
                url(), json, io.tlsuite.handshake.identity.CaToken.of(TOKEN));
    }

    /** Marks a serial revoked, as the CA's database would: only then is the event genuine. */
    public void revoke(String serial) {
        revokedSerials.add(serial.toLowerCase(java.util.Locale.ROOT));
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public void refuseNext(int n) {
        refusals.set(n);
    }

    public int issuedCount() {
        return issued.get();
    }

    private void issue(HttpExchange ex) throws IOException {
        try {
            if (ex.getRequestMethod().equals("GET")) {
                lookup(ex);
                return;
            }
            if (!ex.getRequestMethod().equals("POST")) {
                respond(
                        ex,
                        405,
                        "application/problem+json",
                        "{\"type\":\"https://tlsuite.dev/problems/not-found\"}");
                return;
            }
            if (!("Bearer " + TOKEN).equals(ex.getRequestHeaders().getFirst("Authorization"))) {
                ex.getResponseHeaders().set("WWW-Authenticate", "Bearer");
                respond(
                        ex,
                        401,
                        "application/problem+json",
                        "{\"type\":\"https://tlsuite.dev/problems/unauthorized\"}");
                return;
            }
            if (refusals.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                respond(ex, 503, "text/plain", "not yet");
                return;
            }
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String csrPem = field(body, "csr").replace("\\n", "\n");
            String profile = field(body, "profile");
            Matcher days = Pattern.compile("\"validityDays\"\\s*:\\s*(\\d+)").matcher(body);
            Matcher minutes = Pattern.compile("\"validityMinutes\"\\s*:\\s*(\\d+)").matcher(body);
            Duration validity =
                    days.find()
                            ? Duration.ofDays(Long.parseLong(days.group(1)))
                            : minutes.find()
                                    ? Duration.ofMinutes(Long.parseLong(minutes.group(1)))
                                    : Duration.ofDays(90);
            PKCS10CertificationRequest csr;
            try (PEMParser p = new PEMParser(new StringReader(csrPem))) {
                csr = (PKCS10CertificationRequest) p.readObject();
            }
            GeneralNames sans = null;
            for (var attr : csr.getAttributes(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest)) {
                Extensions ext = Extensions.getInstance(attr.getAttrValues().getObjectAt(0));
                sans = GeneralNames.fromExtensions(ext, Extension.subjectAlternativeName);
            }
            PublicKey key =
                    new org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest(csr)
                            .getPublicKey();
            X509Certificate leaf =
                    sign(
                            csr.getSubject(),
                            key,
                            X500Name.getInstance(
                                    intermediate.getSubjectX500Principal().getEncoded()),
                            intermediateKey.getPrivate(),
                            Instant.now().minusSeconds(1),
                            validity,
                            false,
                            sans,
                            "client".equals(profile)
                                    ? KeyPurposeId.id_kp_clientAuth
                                    : KeyPurposeId.id_kp_serverAuth);
            issued.incrementAndGet();
            issuedSerials.add(leaf.getSerialNumber().toString(16));
            String json =
                    "{\"serial\":\""
                            + leaf.getSerialNumber().toString(16)
                            + "\",\"certificate\":"
                            + quote(Pem.certificate(leaf))
                            + ",\"chain\":"
                            + quote(Pem.certificate(intermediate) + Pem.certificate(root))
                            + ",\"notBefore\":\""
                            + leaf.getNotBefore().toInstant()
                            + "\",\"notAfter\":\""
                            + leaf.getNotAfter().toInstant()
                            + "\"}";
            respond(ex, 201, "application/json", json);
        } catch (Exception e) {
            respond(
                    ex,
                    400,
                    "application/problem+json",
                    "{\"type\":\"https://tlsuite.dev/problems/malformed-csr\",\"detail\":"
                            + quote(String.valueOf(e.getMessage()))
                            + "}");
        }
    }

    /** {@code GET /api/v1/certificates/{serial}}: the status this peer knows, or 404. */
    private void lookup(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        String serial =
                path.substring(path.lastIndexOf('/') + 1).toLowerCase(java.util.Locale.ROOT);
        if (revokedSerials.contains(serial)) {
            respond(
                    ex,
                    200,
                    "application/json",
                    "{\"serial\":\"" + serial + "\",\"status\":\"revoked\"}");
        } else if (issuedSerials.contains(serial)) {
            respond(
                    ex,
                    200,
                    "application/json",
                    "{\"serial\":\"" + serial + "\",\"status\":\"valid\"}");
        } else {
            respond(
                    ex,
                    404,
                    "application/problem+json",
                    "{\"type\":\"https://tlsuite.dev/problems/unknown-certificate\"}");
        }
    }

    /** Issues a certificate directly (e.g. a client certificate for mTLS tests). */
    public X509Certificate issueFor(
            PublicKey key, String cn, KeyPurposeId purpose, GeneralNames sans) throws Exception {
        X509Certificate certificate =
                sign(
                        new X500Name("CN=" + cn),
                        key,
                        X500Name.getInstance(intermediate.getSubjectX500Principal().getEncoded()),
                        intermediateKey.getPrivate(),
                        Instant.now().minusSeconds(1),
                        Duration.ofDays(1),
                        false,
                        sans,
                        purpose);
        issuedSerials.add(certificate.getSerialNumber().toString(16));
        return certificate;
    }

    public static KeyPair keyPair() {
        try {
            KeyPairGenerator kpg = KeyPairGenerator.getInstance("EC");
            kpg.initialize(new ECGenParameterSpec("secp256r1"));
            return kpg.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static X509Certificate sign(
            X500Name subject,
            PublicKey key,
            X500Name issuer,
            PrivateKey issuerKey,
            Instant from,
            Duration validity,
            boolean ca,
            GeneralNames sans,
            KeyPurposeId purpose)
            throws Exception {
        X509v3CertificateBuilder b =
                new JcaX509v3CertificateBuilder(
                        issuer,
                        new BigInteger(64, RANDOM).setBit(63),
                        Date.from(from),
                        Date.from(from.plus(validity)),
                        subject,
                        key);
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
        b.addExtension(
                Extension.keyUsage,
                true,
                new KeyUsage(
                        ca
                                ? KeyUsage.keyCertSign | KeyUsage.cRLSign
                                // as the suite's CA: an RSA server key may also encrypt the
                                // TLS 1.2 pre-master secret (RFC 5246 §7.4.2)
                                : "RSA".equals(key.getAlgorithm())
                                        ? KeyUsage.digitalSignature | KeyUsage.keyEncipherment
                                        : KeyUsage.digitalSignature));
        if (purpose != null) {
            b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
        }
        if (sans != null) {
            b.addExtension(Extension.subjectAlternativeName, false, sans);
        }
        return new JcaX509CertificateConverter()
                .getCertificate(
                        b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey)));
    }

    private static String field(String json, String name) {
        Matcher m =
                Pattern.compile("\"" + name + "\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"")
                        .matcher(json);
        if (!m.find()) {
            throw new IllegalArgumentException(name + " missing");
        }
        return m.group(1);
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    private static void respond(HttpExchange ex, int status, String type, String body)
            throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(status, b.length);
        ex.getResponseBody().write(b);
        ex.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
