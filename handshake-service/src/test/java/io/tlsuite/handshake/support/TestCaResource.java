package io.tlsuite.handshake.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Starts the {@link TestCertificateAuthority} for the Quarkus tests and points the service at it.
 */
public class TestCaResource implements QuarkusTestResourceLifecycleManager {
    private static TestCertificateAuthority ca;

    public static synchronized TestCertificateAuthority ca() {
        if (ca == null) {
            try {
                ca = new TestCertificateAuthority();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return ca;
    }

    @Override
    public Map<String, String> start() {
        return Map.of(
                "handshake.ca-url",
                ca().url(),
                "handshake.ca-token",
                TestCertificateAuthority.TOKEN);
    }

    @Override
    public void stop() {
        // shared by every test class of this JVM
    }
}
