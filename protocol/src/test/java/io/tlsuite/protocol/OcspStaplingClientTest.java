package io.tlsuite.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsuite.protocol.alert.AlertDescription;
import io.tlsuite.protocol.cert.OcspStaple;
import io.tlsuite.protocol.cert.PkixCertificateValidator;
import io.tlsuite.protocol.cert.RevocationChecker;
import io.tlsuite.protocol.cert.TrustStore;
import io.tlsuite.protocol.codec.ProtocolVersion;
import io.tlsuite.protocol.config.TlsConfig;
import io.tlsuite.protocol.config.TlsListener;
import io.tlsuite.protocol.message.Extension;
import io.tlsuite.protocol.message.HandshakeMessage;
import io.tlsuite.protocol.testing.Pump;
import io.tlsuite.protocol.testing.TestPki;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * OCSP stapling on the client (RFC 6066 §8, RFC 8446 §4.4.2.1 and §6.2): a client configured with
 * {@code requestOcspStapling} sends status_request, receives the staple (TLS 1.3 in the leaf's
 * CertificateEntry, TLS 1.2 in a CertificateStatus message) and its validator checks it before any
 * other revocation source: good decides, revoked is {@code certificate_revoked}, a forged or
 * mismatched or unreadable staple {@code bad_certificate_status_response}, a stale or undecided one
 * falls back to the {@code RevocationChecker}; broken CertificateStatus framing is {@code
 * decode_error}. Every case in both versions, engine against engine.
 */
class OcspStaplingClientTest {
    static final TestPki ROOT = TestPki.Shared.PKI;
    static final TestPki ISSUER = ROOT.intermediate("stapling client test intermediate");
    static final TestPki.Identity ID = ISSUER.issue(TestPki.KeyType.EC_P256);
    static final TestPki.Identity OTHER = ISSUER.issue(TestPki.KeyType.EC_P256);
    static final TestPki STRANGER = new TestPki("not the issuer");

    /** What one handshake did: both engines, and which serials the fallback checker was asked. */
    record Outcome(TlsEngine client, TlsEngine server, List<BigInteger> fallbackAsked) {
        boolean fallbackAskedAboutTheLeaf() {
            return fallbackAsked.contains(ID.leaf().getSerialNumber());
        }
    }

    static ProtocolVersion version(int minor) {
        return minor == 3 ? ProtocolVersion.TLS_1_3 : ProtocolVersion.TLS_1_2;
    }

    static TlsConfig.Builder client(
            int minor, boolean request, RevocationChecker.Status fallback, List<BigInteger> asked) {
        RevocationChecker checker =
                (cert, issuer) -> {
                    asked.add(cert.getSerialNumber());
                    return cert.equals(ID.leaf()) ? fallback : RevocationChecker.Status.GOOD;
                };
        return TlsConfig.builder()
                .serverName("localhost")
                .versions(version(minor))
                .requestOcspStapling(request)
                .certificateValidator(
                        new PkixCertificateValidator(
                                TrustStore.of(ROOT.root()), Clock.systemUTC(), checker, true));
    }

    static TlsConfig server(byte[] staple) {
        return TlsConfig.builder()
                .certificate(ID.chain(), ID.key())
                .ocspStapling(identity -> Optional.ofNullable(staple))
                .build();
    }

    static Outcome handshake(int minor, byte[] staple, RevocationChecker.Status fallback) {
        List<BigInteger> asked = new CopyOnWriteArrayList<>();
        TlsEngine client = TlsEngine.client(client(minor, true, fallback, asked).build());
        TlsEngine server = TlsEngine.server(server(staple));
        Pump.handshake(client, server);
        return new Outcome(client, server, asked);
    }

    static byte[] response(
            BigInteger serial, CertificateStatus status, Instant thisUpdate, Instant nextUpdate) {
        return ISSUER.ocsp(serial, status, thisUpdate, nextUpdate, ISSUER.key());
    }

    static Instant now() {
        return Instant.now();
    }

    @ParameterizedTest(name = "TLS 1.{0}")
    @ValueSource(ints = {3, 2})
    void theClientHelloAsksForOcspOnlyWhenConfigured(int minor) {
        for (boolean request : List.of(true, false)) {
            List<HandshakeMessage> sent = new CopyOnWriteArrayList<>();
            TlsEngine client =
                    TlsEngine.client(
                            client(minor, request, RevocationChecker.Status.GOOD, List.of())
                                    .listener(
                                            new TlsListener() {
                                                @Override
                                                public void handshakeMessage(
                                                        Direction d,
                                                        HandshakeMessage m,
                                                        byte[] raw) {
                                                    if (d == Direction.SENT) {
                                                        sent.add(m);
                                                    }
                                                }
                                            })
                                    .build());
            client.start();
            HandshakeMessage.ClientHello ch = (HandshakeMessage.ClientHello) sent.get(0);
            Optional<Extension.StatusRequest> sr =
                    Extension.find(ch.extensions(), Extension.StatusRequest.class);
            assertThat(sr.isPresent()).as("status_request sent: " + request).isEqualTo(request);
            sr.ifPresent(
                    r -> {
                        assertThat(r.isOcsp()).isTrue();
                        assertThat(r.responderIdList()).isEmpty();
                        assertThat(r.requestExtensions()).isEmpty();
                    });
        }
    }

    @ParameterizedTest(name = "TLS 1.{0}")
    @ValueSource(ints = {3, 2})
    void aGoodStapleDecidesAndTheFallbackIsNotAskedAboutTheLeaf(int minor) {
        // The fallback would say revoked: only the staple can let this handshake through.
        Outcome o = handshake(minor, ISSUER.ocspGood(ID.leaf()), RevocationChecker.Status.REVOKED);
        assertThat(o.client().isHandshakeComplete()).as(failure(o)).isTrue();
        assertThat(o.server().isHandshakeComplete()).isTrue();
        assertThat(o.fallbackAskedAboutTheLeaf()).isFalse();
    }

    @ParameterizedTest(name = "TLS 1.{0}")
    @ValueSource(ints = {3, 2})
    void aStapleFromADelegatedResponderIsGood(int minor) {
        TestPki.Identity responder = ISSUER.ocspResponder();
        byte[] staple =
                ISSUER.ocsp(
                        ID.leaf().getSerialNumber(),
                        CertificateStatus.GOOD,
                        now().minusSeconds(60),
                        now().plus(Duration.ofHours(1)),
                        responder.key(),
                        responder.leaf());
        Outcome o = handshake(minor, staple, RevocationChecker.Status.REVOKED);
        assertThat(o.client().isHandshakeComplete()).as(failure(o)).isTrue();
        assertThat(o.fallbackAskedAboutTheLeaf()).isFalse();
    }

    @ParameterizedTest(name = "TLS 1.{0}")
    @ValueSource(ints = {3, 2})
    void aRevokedStapleIsCertificateRevoked(int minor) {
        byte[] staple =
                response(
                        ID.leaf().getSerialNumber(),
                        new RevokedStatus(Date.from(now().minusSeconds(3600)), 1),
                        now().minusSeconds(60),
                        now().plus(Duration.ofHours(1)));
        // The fallback would say good: the staple must win.
        Outcome o = handshake(minor, staple, RevocationChecker.Status.GOOD);
        assertThat(o.client().failure()).contains(AlertDescription.CERTIFICATE_REVOKED);
        assertThat(o.server().failure()).contains(AlertDescription.CERTIFICATE_REVOKED);
        assertThat(o.client().failureCause().orElseThrow().getMessage()).contains("stapled");
        assertThat(o.fallbackAskedAboutTheLeaf()).isFalse();
    }

    @ParameterizedTest(name = "TLS 1.{0}")
    @ValueSource(ints = {3, 2})
    void aStaleStapleFallsBackToTheRevocationChecker(int minor) {
        byte[] stale =
                response(
                        ID.leaf().getSerialNumber(),
                        CertificateStatus.GOOD,
                        now().minus(Duration.ofHours(3)),
                        now().minus(Duration.ofHours(2)));
        Outcome good = handshake(minor, stale, RevocationChecker.Status.GOOD);
        assertThat(good.client().isHandshakeComplete()).as(failure(good)).isTrue();
        assertThat(good.fallbackAskedAboutTheLeaf()).isTrue();

        // The fallback decides: a stale "good" does not save a revoked certificate.
        Outcome revoked = handshake(minor, stale, RevocationChecker.Status.REVOKED);
        assertThat(revoked.client().failure()).contains(AlertDescription.CERTIFICATE_REVOKED);
        assertThat(revoked.fallbackAskedAboutTheLeaf()).isTrue();
    }

    @ParameterizedTest(name = "TLS 1.{0}")
    @ValueSource(ints = {3, 2})
    void anUndecidedStapleFallsBack(int minor) throws Exception {
        byte[] unknown =
                response(
                        ID.leaf().getSerialNumber(),
                        new UnknownStatus(),
                        now().minusSeconds(60),
                        now().plus(Duration.ofHours(1)));
        byte[] tryLater = new OCSPRespBuilder().build(OCSPRespBuilder.TRY_LATER, null).getEncoded();
        for (byte[] staple : List.of(unknown, tryLater)) {
            Outcome o = handshake(minor, staple, RevocationChecker.Status.GOOD);
            assertThat(o.client().isHandshakeComplete()).as(failure(o)).isTrue();
            assertThat(o.fallbackAskedAboutTheLeaf()).isTrue();
        }
    }

    @ParameterizedTest(name = "TLS 1.{0}")
    @ValueSource(ints = {3, 2})
    void aWronglySignedStapleIsBadCertificateStatusResponse(int minor) {
        // Same CertID and window, but signed by a key that is not the issuer's.
        byte[] forged =
                ISSUER.ocsp(
                        ID.leaf().getSerialNumber(),
                        CertificateStatus.GOOD,
                        now().minusSeconds(60),
                        now().plus(Duration.ofHours(1)),
                        STRANGER.key());
        assertBadStatusResponse(handshake(minor, forged, RevocationChecker.Status.GOOD), "signed");

        // A "delegated responder" the issuer never certified.
        TestPki.Identity fake = STRANGER.ocspResponder();
        byte[] byStranger =
                ISSUER.ocsp(
                        ID.leaf().getSerialNumber(),
                        CertificateStatus.GOOD,
                        now().minusSeconds(60),
                        now().plus(Duration.ofHours(1)),
                        fake.key(),
                        fake.leaf());
        assertBadStatusResponse(
                handshake(minor, byStranger, RevocationChecker.Status.GOOD), "signed");
    }

    @ParameterizedTest(name = "TLS 1.{0}")
    @ValueSource(ints = {3, 2})
    void aStapleAboutAnotherCertificateIsBadCertificateStatusResponse(int minor) {
        byte[] other = ISSUER.ocspGood(OTHER.leaf());
        assertBadStatusResponse(
                handshake(minor, other, RevocationChecker.Status.GOOD), "another certificate");
    }

    @ParameterizedTest(name = "TLS 1.{0}")
    @ValueSource(ints = {3, 2})
    void aStapleFromTheFutureIsBadCertificateStatusResponse(int minor) {
        byte[] future =
                response(
                        ID.leaf().getSerialNumber(),
                        CertificateStatus.GOOD,
                        now().plus(Duration.ofHours(1)),
                        now().plus(Duration.ofHours(2)));
        assertBadStatusResponse(handshake(minor, future, RevocationChecker.Status.GOOD), "future");
    }

    @ParameterizedTest(name = "TLS 1.{0}")
    @ValueSource(ints = {3, 2})
    void unreadableStapleBytesAreBadCertificateStatusResponse(int minor) {
        byte[] garbage = {0x30, 0x03, 0x0a, 0x01};
        assertBadStatusResponse(handshake(minor, garbage, RevocationChecker.Status.GOOD), "DER");
        byte[] truncated = ISSUER.ocspGood(ID.leaf());
        truncated = java.util.Arrays.copyOf(truncated, truncated.length - 10);
        assertBadStatusResponse(handshake(minor, truncated, RevocationChecker.Status.GOOD), "DER");
    }

    /** TLS 1.2, on the wire: a CertificateStatus whose status_type is not ocsp is decode_error. */
    @Test
    void brokenCertificateStatusFramingIsDecodeError() {
        TlsEngine client =
                TlsEngine.client(
                        client(2, true, RevocationChecker.Status.GOOD, new CopyOnWriteArrayList<>())
                                .build());
        TlsEngine server = TlsEngine.server(server(ISSUER.ocspGood(ID.leaf())));
        byte[] flight = server.feed(client.start().outbound()).outbound();
        int at = certificateStatusTypeOffset(flight);
        assertThat(at).as("a CertificateStatus in the server's flight").isPositive();
        flight[at] = 2; // status_type ocsp_multi (RFC 6961), never asked for
        assertThat(client.feed(flight).alertSent())
                .map(a -> a.description())
                .contains(AlertDescription.DECODE_ERROR);
    }

    /** TLS 1.2: a server answering status_request to a client that did not send one. */
    @Test
    void anUnaskedStatusRequestInTheServerHelloIsUnsupportedExtension() {
        TlsEngine asking =
                TlsEngine.client(
                        client(2, true, RevocationChecker.Status.GOOD, new CopyOnWriteArrayList<>())
                                .build());
        TlsEngine server = TlsEngine.server(server(ISSUER.ocspGood(ID.leaf())));
        byte[] flight = server.feed(asking.start().outbound()).outbound();
        TlsEngine notAsking =
                TlsEngine.client(
                        client(
                                        2,
                                        false,
                                        RevocationChecker.Status.GOOD,
                                        new CopyOnWriteArrayList<>())
                                .build());
        notAsking.start();
        assertThat(notAsking.feed(flight).alertSent())
                .map(a -> a.description())
                .contains(AlertDescription.UNSUPPORTED_EXTENSION);
    }

    @ParameterizedTest(name = "TLS 1.{0}")
    @ValueSource(ints = {3, 2})
    void withoutAStapleTheFallbackDecides(int minor) {
        Outcome o = handshake(minor, null, RevocationChecker.Status.REVOKED);
        assertThat(o.client().failure()).contains(AlertDescription.CERTIFICATE_REVOKED);
        assertThat(o.fallbackAskedAboutTheLeaf()).isTrue();
    }

    /** The verdicts themselves, without a handshake (the checker the engine's validator uses). */
    @Test
    void verdictsOfTheStapleChecker() {
        Instant now = now();
        X509 leaf = new X509(ID.leaf(), ISSUER.root());
        assertThat(leaf.check(ISSUER.ocspGood(ID.leaf()), now).status())
                .isEqualTo(OcspStaple.Status.GOOD);
        OcspStaple.Verdict good = leaf.check(ISSUER.ocspGood(ID.leaf()), now);
        assertThat(good.detail()).startsWith("good").contains("signed by the issuer");
        assertThat(good.nextUpdate()).isAfter(now);
        assertThat(leaf.check(ISSUER.ocspGood(OTHER.leaf()), now).status())
                .isEqualTo(OcspStaple.Status.INVALID);
        // Without nextUpdate: current for an hour after thisUpdate, then stale.
        byte[] noNext = response(ID.leaf().getSerialNumber(), CertificateStatus.GOOD, now, null);
        assertThat(leaf.check(noNext, now).status()).isEqualTo(OcspStaple.Status.GOOD);
        assertThat(leaf.check(noNext, now.plus(Duration.ofHours(2))).status())
                .isEqualTo(OcspStaple.Status.UNUSABLE);
        // No issuer known: nothing can be verified.
        assertThat(OcspStaple.check(ISSUER.ocspGood(ID.leaf()), ID.leaf(), null, now).status())
                .isEqualTo(OcspStaple.Status.UNUSABLE);
    }

    record X509(
            java.security.cert.X509Certificate leaf, java.security.cert.X509Certificate issuer) {
        OcspStaple.Verdict check(byte[] der, Instant now) {
            return OcspStaple.check(der, leaf, issuer, now);
        }
    }

    static void assertBadStatusResponse(Outcome o, String why) {
        assertThat(o.client().failure())
                .as(failure(o))
                .contains(AlertDescription.BAD_CERTIFICATE_STATUS_RESPONSE);
        assertThat(o.server().failure()).contains(AlertDescription.BAD_CERTIFICATE_STATUS_RESPONSE);
        assertThat(o.client().failureCause().orElseThrow().getMessage()).contains(why);
        assertThat(o.client().isHandshakeComplete()).isFalse();
    }

    static String failure(Outcome o) {
        return o.client().failure() + " " + o.client().failureCause().map(Throwable::getMessage);
    }

    /**
     * The offset of the status_type byte of a TLS 1.2 CertificateStatus in plaintext records:
     * handshake type 22, u24 length n, status_type 1, u24 length n-4.
     */
    static int certificateStatusTypeOffset(byte[] flight) {
        for (int i = 0; i + 8 < flight.length; i++) {
            if (flight[i] != 22 || flight[i + 4] != 1) {
                continue;
            }
            int n = u24(flight, i + 1);
            if (n > 4 && u24(flight, i + 5) == n - 4) {
                return i + 4;
            }
        }
        return -1;
    }

    static int u24(byte[] b, int at) {
        return (b[at] & 0xff) << 16 | (b[at + 1] & 0xff) << 8 | (b[at + 2] & 0xff);
    }
}
