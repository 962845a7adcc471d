package io.tlsuite.protocol.crypto;

import java.math.BigInteger;
import java.security.spec.ECFieldFp;
import java.security.spec.ECParameterSpec;
import java.util.Optional;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;
import org.bouncycastle.math.ec.FixedPointUtil;

/**
 * A NIST prime curve in Bouncy Castle's specialised field arithmetic ({@code CustomNamedCurves}),
 * with the fixed-point comb table of its base point built once per process.
 */
enum BcCurve {
    P256(NamedGroup.SECP256R1),
    P384(NamedGroup.SECP384R1),
    P521(NamedGroup.SECP521R1);

    private final NamedGroup group;
    private final ECDomainParameters domain;

    BcCurve(NamedGroup group) {
        this.group = group;
        X9ECParameters x9 = CustomNamedCurves.getByName(group.jcaName());
        this.domain =
                new ECDomainParameters(
                        x9.getCurve(), x9.getG(), x9.getN(), x9.getH(), x9.getSeed());
        // The comb table for k*G (key generation, signing), built here rather than on first use.
        FixedPointUtil.precompute(domain.getG());
    }

    NamedGroup group() {
        return group;
    }

    ECDomainParameters domain() {
        return domain;
    }

    ECCurve curve() {
        return domain.getCurve();
    }

    /** k*G with the precomputed comb (regular: the same additions for every scalar). */
    ECPoint multiplyBase(BigInteger k) {
        return new FixedPointCombMultiplier().multiply(domain.getG(), k).normalize();
    }

    static BcCurve of(NamedGroup group) {
        return switch (group) {
            case SECP256R1 -> P256;
            case SECP384R1 -> P384;
            case SECP521R1 -> P521;
            default -> throw new IllegalArgumentException(group + " is not a NIST curve");
        };
    }

    /**
     * The curve of a JDK key's parameters, if it is one of ours (same field, order and base point).
     */
    static Optional<BcCurve> of(ECParameterSpec params) {
        if (params == null || !(params.getCurve().getField() instanceof ECFieldFp field)) {
            return Optional.empty();
        }
        for (BcCurve c : values()) {
            ECDomainParameters d = c.domain;
            if (field.getP().equals(d.getCurve().getField().getCharacteristic())
                    && params.getOrder().equals(d.getN())
                    && params.getCurve().getA().equals(d.getCurve().getA().toBigInteger())
                    && params.getCurve().getB().equals(d.getCurve().getB().toBigInteger())
                    && params.getGenerator()
                            .getAffineX()
                            .equals(d.getG().getAffineXCoord().toBigInteger())
                    && params.getGenerator()
                            .getAffineY()
                            .equals(d.getG().getAffineYCoord().toBigInteger())) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
