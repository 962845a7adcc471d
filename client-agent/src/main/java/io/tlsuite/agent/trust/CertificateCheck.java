package io.tlsuite.agent.trust;

/**
 * One check the agent made on a peer certificate: {@code chain}, {@code validity}, {@code
 * hostname}, {@code key-usage}, {@code revocation} or {@code signature}.
 *
 * @param result {@code passed}, {@code failed} or {@code skipped}
 */
public record CertificateCheck(String name, String result, String detail, long micros) {
    public static final String PASSED = "passed";
    public static final String FAILED = "failed";
    public static final String SKIPPED = "skipped";

    public boolean failed() {
        return FAILED.equals(result);
    }
}
