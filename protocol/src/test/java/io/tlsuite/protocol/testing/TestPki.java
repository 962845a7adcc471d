package io.tlsuite.protocol.testing;

import io.tlsuite.protocol.cert.PkixCertificateValidator;
import io.tlsuite.protocol.cert.TrustStore;
import io.tlsuite.protocol.config.TlsConfig;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.RespID;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/** A throw-away CA for tests (Bouncy Castle bcpkix): a root, and leaves of each key type. */
public final class TestPki {
    public enum KeyType {
        EC_P256,
        EC_P384,
        ED25519,
        RSA
    }

    /** A certificate with its key; {@code chain} is leaf first, without the root. */
    public record Identity(List<X509Certificate> chain, PrivateKey key) {
        public X509Certificate leaf() {
            return chain.get(0);
        }

        /** A PKCS#12 key store for the JDK's KeyManagerFactory (password "changeit"). */
        public KeyStore keyStore(X509Certificate root) throws Exception {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            List<X509Certificate> full = new ArrayList<>(chain);
            full.add(root);
            ks.setKeyEntry(
                    "key", key, "changeit".toCharArray(), full.toArray(new X509Certificate[0]));
            return ks;
        }
    }

    /** Options for a leaf, to produce each kind of bad certificate. */
    public record LeafSpec(
            KeyType keyType,
            String dnsName,
            Instant notBefore,
            Instant notAfter,
            boolean serverAuth,
            boolean clientAuth,
            boolean digitalSignature) {
        public static LeafSpec of(KeyType type) {
            Instant now = Instant.now();
            return new LeafSpec(
                    type,
                    "localhost",
                    now.minus(Duration.ofDays(1)),
                    now.plus(Duration.ofDays(30)),
                    true,
                    true,
                    true);
        }

        public LeafSpec withName(String name) {
            return new LeafSpec(
                    keyType, name, notBefore, notAfter, serverAuth, clientAuth, digitalSignature);
        }

        public LeafSpec withValidity(Instant from, Instant to) {
            return new LeafSpec(
                    keyType, dnsName, from, to, serverAuth, clientAuth, digitalSignature);
        }

        public LeafSpec withUsage(boolean server, boolean client, boolean signature) {
            return new LeafSpec(keyType, dnsName, notBefore, notAfter, server, client, signature);
        }
    }

    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    private final KeyPair rootKey;
    private final X509Certificate root;
    private final X500Name rootName;

    /** For an intermediate CA: its own certificate, appended to the chains it issues. */
    private final List<X509Certificate> chainTail;

    public TestPki(String name) {
        try {
            rootKey = generate(KeyType.EC_P256);
            rootName = new X500Name("CN=" + name);
            Instant now = Instant.now();
            X509v3CertificateBuilder b =
                    new JcaX509v3CertificateBuilder(
                            rootName,
                            serial(),
                            Date.from(now.minus(Duration.ofDays(2))),
                            Date.from(now.plus(Duration.ofDays(365))),
                            rootName,
                            rootKey.getPublic());
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            b.addExtension(
                    Extension.keyUsage,
                    true,
                    new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            root = sign(b);
            chainTail = List.of();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private TestPki(String name, TestPki parent) {
        try {
            rootKey = generate(KeyType.EC_P256);
            rootName = new X500Name("CN=" + name);
            Instant now = Instant.now();
            X509v3CertificateBuilder b =
                    new JcaX509v3CertificateBuilder(
                            parent.rootName,
                            serial(),
                            Date.from(now.minus(Duration.ofDays(2))),
                            Date.from(now.plus(Duration.ofDays(300))),
                            rootName,
                            rootKey.getPublic());
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
            b.addExtension(
                    Extension.keyUsage,
                    true,
                    new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            root = parent.sign(b);
            List<X509Certificate> tail = new ArrayList<>();
            tail.add(root);
            tail.addAll(parent.chainTail);
            chainTail = List.copyOf(tail);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** An intermediate CA under this one; its leaves' chains carry the intermediate. */
    public TestPki intermediate(String name) {
        return new TestPki(name, this);
    }

    /** This CA's certificate (the root, or the intermediate's own certificate). */
    public X509Certificate root() {
        return root;
    }

    public Identity issue(KeyType type) {
        return issue(LeafSpec.of(type));
    }

    public Identity issue(LeafSpec spec) {
        try {
            KeyPair kp = generate(spec.keyType());
            X500Name subject = new X500Name("CN=" + spec.dnsName());
            X509v3CertificateBuilder b =
                    new JcaX509v3CertificateBuilder(
                            rootName,
                            serial(),
                            Date.from(spec.notBefore()),
                            Date.from(spec.notAfter()),
                            subject,
                            kp.getPublic());
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            b.addExtension(
                    Extension.keyUsage,
                    true,
                    new KeyUsage(
                            !spec.digitalSignature()
                                    ? KeyUsage.keyEncipherment
                                    : spec.keyType() == KeyType.RSA
                                            // TLS 1.2 RSA key transport encrypts to this key.
                                            ? KeyUsage.digitalSignature | KeyUsage.keyEncipherment
                                            : KeyUsage.digitalSignature));
            List<KeyPurposeId> purposes = new ArrayList<>();
            if (spec.serverAuth()) {
                purposes.add(KeyPurposeId.id_kp_serverAuth);
            }
            if (spec.clientAuth()) {
                purposes.add(KeyPurposeId.id_kp_clientAuth);
            }
            if (purposes.isEmpty()) {
                purposes.add(KeyPurposeId.id_kp_codeSigning);
            }
            b.addExtension(
                    Extension.extendedKeyUsage,
                    false,
                    new ExtendedKeyUsage(purposes.toArray(new KeyPurposeId[0])));
            b.addExtension(
                    Extension.subjectAlternativeName,
                    false,
                    new GeneralNames(
                            new GeneralName[] {
                                new GeneralName(GeneralName.dNSName, spec.dnsName()),
                                new GeneralName(GeneralName.iPAddress, "127.0.0.1")
                            }));
            List<X509Certificate> chain = new ArrayList<>();
            chain.add(sign(b));
            chain.addAll(chainTail);
            return new Identity(List.copyOf(chain), kp.getPrivate());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A successful OCSP response (RFC 6960) from this CA for {@code leaf} (which it issued): status
     * good, thisUpdate now, nextUpdate in an hour, signed with the CA key (the CA is its own
     * responder, RFC 6960 §4.2.2.2). DER of the whole OCSPResponse, as stapled.
     */
    public byte[] ocspGood(X509Certificate leaf) {
        Instant now = Instant.now();
        return ocsp(
                leaf.getSerialNumber(),
                CertificateStatus.GOOD,
                now.minusSeconds(60),
                now.plus(Duration.ofHours(1)),
                rootKey.getPrivate());
    }

    /**
     * Any OCSP response about {@code serial} from this CA: {@code status} ({@code
     * CertificateStatus.GOOD}, a {@code RevokedStatus}, an {@code UnknownStatus}), the window, the
     * key that signs it (this CA's: {@link #key()}; or another) and the certificates it carries.
     */
    public byte[] ocsp(
            BigInteger serial,
            CertificateStatus status,
            Instant thisUpdate,
            Instant nextUpdate,
            PrivateKey signer,
            X509Certificate... certs) {
        try {
            CertificateID id =
                    new CertificateID(
                            new JcaDigestCalculatorProviderBuilder()
                                    .build()
                                    .get(CertificateID.HASH_SHA1),
                            new JcaX509CertificateHolder(root),
                            serial);
            BasicOCSPRespBuilder b =
                    new BasicOCSPRespBuilder(
                            new RespID(new JcaX509CertificateHolder(root).getSubject()));
            b.addResponse(
                    id,
                    status,
                    Date.from(thisUpdate),
                    nextUpdate == null ? null : Date.from(nextUpdate));
            org.bouncycastle.cert.X509CertificateHolder[] holders =
                    new org.bouncycastle.cert.X509CertificateHolder[certs.length];
            for (int i = 0; i < certs.length; i++) {
                holders[i] = new JcaX509CertificateHolder(certs[i]);
            }
            BasicOCSPResp basic =
                    b.build(
                            new JcaContentSignerBuilder(
                                            signer.getAlgorithm().equals("RSA")
                                                    ? "SHA256withRSA"
                                                    : "SHA256withECDSA")
                                    .build(signer),
                            holders.length == 0 ? null : holders,
                            Date.from(thisUpdate));
            return new OCSPRespBuilder().build(OCSPRespBuilder.SUCCESSFUL, basic).getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** This CA's private key (to sign OCSP responses as the CA). */
    public PrivateKey key() {
        return rootKey.getPrivate();
    }

    /**
     * A delegated OCSP responder of this CA (RFC 6960 §4.2.2.2): a certificate with extended key
     * usage id-kp-OCSPSigning, issued by this CA, and its key.
     */
    public Identity ocspResponder() {
        try {
            KeyPair kp = generate(KeyType.EC_P256);
            Instant now = Instant.now();
            X509v3CertificateBuilder b =
                    new JcaX509v3CertificateBuilder(
                            rootName,
                            serial(),
                            Date.from(now.minus(Duration.ofDays(1))),
                            Date.from(now.plus(Duration.ofDays(30))),
                            new X500Name("CN=ocsp responder"),
                            kp.getPublic());
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            b.addExtension(
                    Extension.extendedKeyUsage,
                    false,
                    new ExtendedKeyUsage(KeyPurposeId.id_kp_OCSPSigning));
            return new Identity(List.of(sign(b)), kp.getPrivate());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private X509Certificate sign(X509v3CertificateBuilder b) throws Exception {
        ContentSigner signer =
                new JcaContentSignerBuilder("SHA256withECDSA").build(rootKey.getPrivate());
        return new JcaX509CertificateConverter().getCertificate(b.build(signer));
    }

    private static BigInteger serial() {
        return BigInteger.valueOf(SERIAL.incrementAndGet());
    }

    public static KeyPair generate(KeyType type) throws Exception {
        return switch (type) {
            case EC_P256 -> {
                KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
                g.initialize(new ECGenParameterSpec("secp256r1"));
                yield g.generateKeyPair();
            }
            case EC_P384 -> {
                KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
                g.initialize(new ECGenParameterSpec("secp384r1"));
                yield g.generateKeyPair();
            }
            case ED25519 -> KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            case RSA -> {
                KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
                g.initialize(2048);
                yield g.generateKeyPair();
            }
        };
    }

    /** One shared PKI for the whole test run: key generation (RSA especially) is not free. */
    public static final class Shared {
        public static final TestPki PKI = new TestPki("tlsuite test root");
        public static final Identity EC = PKI.issue(KeyType.EC_P256);
        public static final Identity EC384 = PKI.issue(KeyType.EC_P384);
        public static final Identity ED = PKI.issue(KeyType.ED25519);
        public static final Identity RSA = PKI.issue(KeyType.RSA);
        public static final Identity CLIENT =
                PKI.issue(LeafSpec.of(KeyType.EC_P256).withName("client.test"));

        /**
         * The shared leaf of a key type named in test parameters: {@code EC}, {@code ED}, {@code
         * RSA}.
         */
        public static Identity identity(String key) {
            return switch (key) {
                case "ED" -> ED;
                case "EC384" -> EC384;
                case "RSA" -> RSA;
                default -> EC;
            };
        }

        /** A client config for {@code localhost} that trusts the shared root. */
        public static TlsConfig.Builder trustingClient() {
            return TlsConfig.builder()
                    .serverName("localhost")
                    .certificateValidator(new PkixCertificateValidator(TrustStore.of(PKI.root())));
        }

        /**
         * A server config presenting {@code id}, trusting the shared root for client certificates.
         */
        public static TlsConfig.Builder server(Identity id) {
            return TlsConfig.builder()
                    .certificate(id.chain(), id.key())
                    .certificateValidator(new PkixCertificateValidator(TrustStore.of(PKI.root())));
        }

        private Shared() {}
    }
}
