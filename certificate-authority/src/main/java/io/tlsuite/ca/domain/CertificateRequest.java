package io.tlsuite.ca.domain;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.pkcs.Attribute;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCSException;

/**
 * A PKCS#10 CSR (RFC 2986) that passed proof of possession: its signature verifies with the key it
 * carries, and the key is one the CA accepts.
 *
 * @param subject the requested subject, copied into the certificate
 * @param subjectAltNames DNS and IP names from the extensionRequest attribute
 */
public record CertificateRequest(
        X500Name subject,
        SubjectPublicKeyInfo publicKey,
        PublicKeyProfile keyProfile,
        List<SubjectAltName> subjectAltNames) {

    /**
     * Parses and checks a PEM CSR.
     *
     * @throws CaProblem malformed CSR, bad signature, unsupported key or name
     */
    public static CertificateRequest parse(String pem) {
        PKCS10CertificationRequest csr = read(pem);
        SubjectPublicKeyInfo spki = csr.getSubjectPublicKeyInfo();
        PublicKeyProfile key = PublicKeyProfile.of(spki);
        verifySignature(csr);
        return new CertificateRequest(csr.getSubject(), spki, key, subjectAltNames(csr));
    }

    private static PKCS10CertificationRequest read(String pem) {
        if (pem == null || pem.isBlank()) {
            throw new CaProblem(CaProblems.MALFORMED_CSR, "csr is required (PEM)");
        }
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            Object object = parser.readObject();
            if (object instanceof PKCS10CertificationRequest csr) {
                return csr;
            }
            throw new CaProblem(
                    CaProblems.MALFORMED_CSR,
                    object == null
                            ? "no PEM CERTIFICATE REQUEST block found"
                            : "expected a CERTIFICATE REQUEST, found "
                                    + object.getClass().getSimpleName());
        } catch (IOException | RuntimeException e) {
            if (e instanceof CaProblem problem) {
                throw problem;
            }
            throw new CaProblem(CaProblems.MALFORMED_CSR, "the CSR is not valid PEM/DER");
        }
    }

    /** Proof of possession: the CSR is signed by the private key of the key it carries. */
    private static void verifySignature(PKCS10CertificationRequest csr) {
        boolean valid;
        try {
            valid =
                    csr.isSignatureValid(
                            new JcaContentVerifierProviderBuilder()
                                    .setProvider(BouncyCastle.PROVIDER)
                                    .build(csr.getSubjectPublicKeyInfo()));
        } catch (OperatorCreationException | PKCSException | RuntimeException e) {
            valid = false;
        }
        if (!valid) {
            throw new CaProblem(
                    CaProblems.CSR_SIGNATURE_INVALID,
                    "the CSR signature does not verify with its public key");
        }
    }

    private static List<SubjectAltName> subjectAltNames(PKCS10CertificationRequest csr) {
        LinkedHashSet<SubjectAltName> names = new LinkedHashSet<>();
        try {
            for (Attribute attribute :
                    csr.getAttributes(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest)) {
                for (ASN1Encodable value : attribute.getAttrValues().toArray()) {
                    Extensions extensions = Extensions.getInstance(value);
                    GeneralNames sans =
                            GeneralNames.fromExtensions(
                                    extensions, Extension.subjectAlternativeName);
                    if (sans != null) {
                        for (GeneralName name : sans.getNames()) {
                            names.add(SubjectAltName.of(name));
                        }
                    }
                }
            }
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new CaProblem(CaProblems.MALFORMED_CSR, "the CSR extension request is malformed");
        }
        return new ArrayList<>(names);
    }
}
