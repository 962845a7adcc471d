package io.tlsuite.agent.bench;

import io.tlsuite.protocol.TlsEngine;
import io.tlsuite.protocol.cert.CertificateValidator;
import io.tlsuite.protocol.config.TlsConfig;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The reference for the rest benchmark: full TLS 1.3 handshakes (X25519, ECDSA P-256) of our client
 * and server engines in memory, one thread, both sides' work, no I/O. Prints handshakes/s. Usage:
 * {@code InMemoryHandshakeRate [seconds]}.
 */
public final class InMemoryHandshakeRate {
    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair k = g.generateKeyPair();
        X509Certificate cert =
                new JcaX509CertificateConverter()
                        .getCertificate(
                                new JcaX509v3CertificateBuilder(
                                                new X500Name("CN=bench"),
                                                BigInteger.ONE,
                                                new Date(System.currentTimeMillis() - 60_000),
                                                new Date(System.currentTimeMillis() + 86_400_000),
                                                new X500Name("CN=bench"),
                                                k.getPublic())
                                        .build(
                                                new JcaContentSignerBuilder("SHA256withECDSA")
                                                        .build(k.getPrivate())));
        TlsConfig server = TlsConfig.builder().certificate(List.of(cert), k.getPrivate()).build();
        TlsConfig client =
                TlsConfig.builder()
                        .certificateValidator(CertificateValidator.insecureAcceptAll())
                        .build();
        long end = System.nanoTime() + 2_000_000_000L;
        while (System.nanoTime() < end) {
            once(client, server);
        }
        long n = 0;
        long t0 = System.nanoTime();
        end = t0 + seconds * 1_000_000_000L;
        while (System.nanoTime() < end) {
            once(client, server);
            n++;
        }
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.printf(
                "in-memory full TLS 1.3 handshakes (client + server, one thread): %d in %.1f s = %.1f /s%n",
                n, s, n / s);
    }

    private static void once(TlsConfig client, TlsConfig server) {
        TlsEngine c = TlsEngine.client(client);
        TlsEngine s = TlsEngine.server(server);
        byte[] toServer = c.start().outbound();
        byte[] toClient = s.feed(toServer).outbound();
        toServer = c.feed(toClient).outbound();
        s.feed(toServer);
        if (!c.isHandshakeComplete() || !s.isHandshakeComplete()) {
            throw new IllegalStateException("handshake did not complete");
        }
    }
}
