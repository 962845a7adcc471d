package io.tlsuite.ca.domain;

import java.security.Provider;
import java.security.Security;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/** The Bouncy Castle JCA provider, registered once for the whole CA. */
public final class BouncyCastle {

    public static final Provider PROVIDER = install();

    private static Provider install() {
        Provider existing = Security.getProvider(BouncyCastleProvider.PROVIDER_NAME);
        if (existing != null) {
            return existing;
        }
        Provider provider = new BouncyCastleProvider();
        Security.addProvider(provider);
        return provider;
    }

    private BouncyCastle() {}
}
