package io.tlsuite.protocol.crypto;

import java.math.BigInteger;
import javax.crypto.spec.DHParameterSpec;
import org.bouncycastle.crypto.agreement.DHStandardGroups;
import org.bouncycastle.crypto.params.DHParameters;

/**
 * The finite-field groups of RFC 7919 Appendix A (generator 2). The primes come from Bouncy
 * Castle's table of standard groups rather than from a copy here. Private exponents are short, as
 * RFC 7919 §5.2 allows: twice the group's estimated strength (Appendix A), rounded up.
 */
final class Ffdhe {
    private static final DHParameterSpec FFDHE2048 = spec(DHStandardGroups.rfc7919_ffdhe2048, 225);
    private static final DHParameterSpec FFDHE3072 = spec(DHStandardGroups.rfc7919_ffdhe3072, 275);
    private static final DHParameterSpec FFDHE4096 = spec(DHStandardGroups.rfc7919_ffdhe4096, 325);

    private Ffdhe() {}

    static DHParameterSpec parameters(NamedGroup group) {
        return switch (group) {
            case FFDHE2048 -> FFDHE2048;
            case FFDHE3072 -> FFDHE3072;
            case FFDHE4096 -> FFDHE4096;
            default -> throw new IllegalArgumentException(group + " is not a finite-field group");
        };
    }

    private static DHParameterSpec spec(DHParameters bc, int exponentBits) {
        BigInteger g = bc.getG();
        return new DHParameterSpec(bc.getP(), g, exponentBits);
    }
}
