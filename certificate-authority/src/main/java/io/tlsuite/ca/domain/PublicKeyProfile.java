package io.tlsuite.ca.domain;

import java.io.IOException;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/**
 * What a public key is (family and size), read from its SubjectPublicKeyInfo (RFC 5280 §4.1.2.7),
 * and whether the CA accepts it.
 *
 * @param family {@code RSA}, {@code EC} or {@code Ed25519}
 * @param bits modulus size for RSA, field size for EC, 255 for Ed25519
 * @param description e.g. {@code EC P-256}, {@code RSA 2048}
 */
public record PublicKeyProfile(String family, int bits, String description) {

    /** RSA keys larger than this are refused: they only slow the suite down. */
    public static final int MAX_RSA_BITS = 8192;

    private static final java.math.BigInteger MIN_EXPONENT = java.math.BigInteger.valueOf(65536);

    /**
     * Classifies a key; refuses a key the CA does not issue for.
     *
     * @throws CaProblem {@link CaProblems#UNSUPPORTED_KEY} for other algorithms or curves
     */
    public static PublicKeyProfile of(SubjectPublicKeyInfo spki) {
        ASN1ObjectIdentifier algorithm = spki.getAlgorithm().getAlgorithm();
        if (PKCSObjectIdentifiers.rsaEncryption.equals(algorithm)) {
            RSAPublicKey rsa;
            try {
                rsa = RSAPublicKey.getInstance(spki.parsePublicKey());
            } catch (IOException | IllegalArgumentException e) {
                throw new CaProblem(CaProblems.MALFORMED_CSR, "the RSA public key is malformed");
            }
            // Checked here, before any signature is verified: a huge modulus or exponent makes the
            // proof-of-possession check itself the attack (seconds of CPU per request).
            int bits = rsa.getModulus().bitLength();
            if (bits > MAX_RSA_BITS) {
                throw new CaProblem(
                        CaProblems.UNSUPPORTED_KEY,
                        "RSA keys larger than " + MAX_RSA_BITS + " bits are refused");
            }
            java.math.BigInteger e = rsa.getPublicExponent();
            // FIPS 186-5 §5.4 (a): an odd public exponent with 2^16 < e < 2^256.
            if (!e.testBit(0) || e.bitLength() > 256 || e.compareTo(MIN_EXPONENT) <= 0) {
                throw new CaProblem(
                        CaProblems.UNSUPPORTED_KEY,
                        "the RSA public exponent must be odd, above 65536 and below 2^256");
            }
            return new PublicKeyProfile("RSA", bits, "RSA " + bits);
        }
        if (X9ObjectIdentifiers.id_ecPublicKey.equals(algorithm)) {
            Object parameters = spki.getAlgorithm().getParameters();
            if (SECObjectIdentifiers.secp256r1.equals(parameters)) {
                return new PublicKeyProfile("EC", 256, "EC P-256");
            }
            if (SECObjectIdentifiers.secp384r1.equals(parameters)) {
                return new PublicKeyProfile("EC", 384, "EC P-384");
            }
            throw new CaProblem(
                    CaProblems.UNSUPPORTED_KEY,
                    "EC keys must be on P-256 or P-384 (named curves), not " + parameters);
        }
        if (EdECObjectIdentifiers.id_Ed25519.equals(algorithm)) {
            return new PublicKeyProfile("Ed25519", 255, "Ed25519");
        }
        throw new CaProblem(
                CaProblems.UNSUPPORTED_KEY,
                "unsupported key algorithm "
                        + algorithm.getId()
                        + " (use EC P-256/P-384, RSA 2048-4096 or Ed25519)");
    }

    /** Whether this key can encrypt (RSA key transport), which adds keyEncipherment. */
    public boolean isRsa() {
        return "RSA".equals(family);
    }
}
