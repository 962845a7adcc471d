package io.tlsuite.ca;

import io.tlsuite.ca.domain.BouncyCastle;
import io.tlsuite.ca.domain.CaCredentials;
import io.tlsuite.ca.domain.KeyType;
import io.tlsuite.ca.domain.Pem;
import io.tlsuite.ca.domain.PublicKeyProfile;
import java.net.InetAddress;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/** CSRs for tests, made with Bouncy Castle independently of the CA's parsing code. */
final class TestCsr {

    private TestCsr() {}

    static String csr(KeyType type, String cn, String... sans) {
        return csr(type.generate(), cn, sans);
    }

    static String csr(KeyPair keys, String cn, String... sans) {
        return Pem.encode("CERTIFICATE REQUEST", der(keys, cn, sans));
    }

    static byte[] der(KeyPair keys, String cn, String... sans) {
        try {
            JcaPKCS10CertificationRequestBuilder builder =
                    new JcaPKCS10CertificationRequestBuilder(
                            new X500Name(cn == null ? "" : "CN=" + cn), keys.getPublic());
            if (sans.length > 0) {
                List<GeneralName> names = new ArrayList<>();
                for (String san : sans) {
                    if (san.startsWith("IP:")) {
                        names.add(
                                new GeneralName(
                                        GeneralName.iPAddress,
                                        new DEROctetString(
                                                InetAddress.getByName(san.substring(3))
                                                        .getAddress())));
                    } else if (san.startsWith("URI:")) {
                        names.add(
                                new GeneralName(
                                        GeneralName.uniformResourceIdentifier, san.substring(4)));
                    } else {
                        names.add(new GeneralName(GeneralName.dNSName, san.substring(4)));
                    }
                }
                ExtensionsGenerator extensions = new ExtensionsGenerator();
                extensions.addExtension(
                        Extension.subjectAlternativeName,
                        false,
                        new GeneralNames(names.toArray(GeneralName[]::new)));
                builder.addAttribute(
                        PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions.generate());
            }
            String algorithm =
                    CaCredentials.signatureAlgorithmFor(
                            PublicKeyProfile.of(
                                    SubjectPublicKeyInfo.getInstance(
                                            keys.getPublic().getEncoded())));
            return builder.build(
                            new JcaContentSignerBuilder(algorithm)
                                    .setProvider(BouncyCastle.PROVIDER)
                                    .build(keys.getPrivate()))
                    .getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A CSR carrying {@code spki} but signed by an unrelated EC key: whatever the CA says about the
     * key must come before it looks at the signature.
     */
    static String foreignKey(SubjectPublicKeyInfo spki, String cn) {
        try {
            KeyPair signer = KeyType.EC_P256.generate();
            return Pem.encode(
                    "CERTIFICATE REQUEST",
                    new org.bouncycastle.pkcs.PKCS10CertificationRequestBuilder(
                                    new X500Name("CN=" + cn), spki)
                            .build(
                                    new JcaContentSignerBuilder("SHA256withECDSA")
                                            .setProvider(BouncyCastle.PROVIDER)
                                            .build(signer.getPrivate()))
                            .getEncoded());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A CSR whose signature no longer matches: one bit of the signature flipped. */
    static String badSignature(String cn, String... sans) {
        byte[] der = der(KeyType.EC_P256.generate(), cn, sans);
        der[der.length - 3] ^= 0x01;
        return Pem.encode("CERTIFICATE REQUEST", der);
    }

    /** RSA of any size (e.g. 1024, too weak) signed with SHA256withRSA. */
    static String rsa(int bits, String cn, String... sans) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA", BouncyCastle.PROVIDER);
            generator.initialize(bits);
            return csr(generator.generateKeyPair(), cn, sans);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** An EC key on a curve the CA refuses (e.g. secp521r1). */
    static String ecCurve(String curve, String cn, String... sans) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", BouncyCastle.PROVIDER);
            generator.initialize(new ECGenParameterSpec(curve));
            KeyPair keys = generator.generateKeyPair();
            JcaPKCS10CertificationRequestBuilder builder =
                    new JcaPKCS10CertificationRequestBuilder(
                            new X500Name("CN=" + cn), keys.getPublic());
            return Pem.encode(
                    "CERTIFICATE REQUEST",
                    builder.build(
                                    new JcaContentSignerBuilder("SHA256withECDSA")
                                            .setProvider(BouncyCastle.PROVIDER)
                                            .build(keys.getPrivate()))
                            .getEncoded());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
