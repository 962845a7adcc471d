package io.tlsuite.agent.domain;

import io.tlsuite.agent.trust.CertificateCheck;
import java.util.List;
import java.util.Map;

/**
 * One play of a scenario: what happened, whether it matched the expectation, and why not.
 *
 * @param outcome {@code completed}, {@code refused-by-agent}, {@code refused-by-server} or {@code
 *     error}
 * @param cause the failure cause counted in a run ({@code null} when passed)
 * @param revocation which source decided the revocation check of the server's certificate: {@code
 *     stapled-ocsp} (the OCSP response the server stapled), {@code ocsp} (the agent asked the
 *     responder), {@code crl}, or {@code none} (not checked: no certificate, verification off, or a
 *     certificate naming no source)
 * @param phasesMs milliseconds per phase: hello, certificate, key-exchange, finished, first-data,
 *     close, total
 * @param messages every decoded handshake message the agent sent and received (only when asked)
 * @param serverMessages the handshake service's own decoded view (rest transport, when asked)
 */
public record AttemptResult(
        String scenario,
        String transport,
        String target,
        boolean passed,
        String outcome,
        String cause,
        String alertSent,
        String alertReceived,
        String failedCheck,
        boolean insecure,
        List<String> skippedChecks,
        String revocation,
        Map<String, Object> negotiated,
        List<CertificateCheck> checks,
        Map<String, Double> phasesMs,
        List<String> notes,
        List<Map<String, Object>> messages,
        List<Map<String, Object>> serverMessages) {}
