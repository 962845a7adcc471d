package io.tlsuite.protocol.bench;

import io.tlsuite.protocol.crypto.CryptoBackend;
import io.tlsuite.protocol.crypto.CryptoBackends;
import io.tlsuite.protocol.crypto.NamedGroup;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * The handshake's public-key primitives per backend (JMH, average time per operation). Run like
 * {@link HandshakeBenchmark}, with this class as the main class; optional argument: a benchmark
 * name.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CryptoBenchmark {
    @Param({"jdk", "bc-curves"})
    public String backend;

    CryptoBackend b;
    CryptoPrimitives p;

    @Setup
    public void setUp() {
        b = CryptoBackends.byName(backend);
        p = new CryptoPrimitives();
    }

    @Benchmark
    public int x25519KeyGenAndAgree() throws Exception {
        return p.keyShare(b, NamedGroup.X25519);
    }

    @Benchmark
    public int p256KeyGenAndAgree() throws Exception {
        return p.keyShare(b, NamedGroup.SECP256R1);
    }

    @Benchmark
    public int ecdsaP256Sign() throws Exception {
        return p.ecdsaP256Sign(b);
    }

    @Benchmark
    public boolean ecdsaP256Verify() {
        return p.ecdsaP256Verify(b);
    }

    @Benchmark
    public int ed25519Sign() throws Exception {
        return p.ed25519Sign(b);
    }

    @Benchmark
    public boolean ed25519Verify() {
        return p.ed25519Verify(b);
    }

    /** AES-128-GCM is not behind the backend (the JDK's is used): both ciphers, for the record. */
    @Benchmark
    public int aes128GcmSeal16k() throws Exception {
        return backend.equals("jdk") ? p.aesGcmSealJdk() : p.aesGcmSealBc();
    }

    public static void main(String[] args) throws Exception {
        new Runner(
                        new OptionsBuilder()
                                .include(
                                        CryptoBenchmark.class.getSimpleName()
                                                + (args.length > 0 ? "." + args[0] : ""))
                                .forks(1)
                                .warmupIterations(2)
                                .warmupTime(TimeValue.seconds(1))
                                .measurementIterations(3)
                                .measurementTime(TimeValue.seconds(2))
                                .build())
                .run();
    }
}
