package io.tlsuite.protocol.testing;

import io.tlsuite.protocol.EngineOutput;
import io.tlsuite.protocol.TlsEngine;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;

/** The JDK's SSLEngine as an in-memory peer: bytes in, bytes out, like our engine. */
public final class JdkPeer {
    private final SSLEngine engine;
    private ByteBuffer netIn = ByteBuffer.allocate(1 << 17);
    private ByteBuffer appIn = ByteBuffer.allocate(1 << 17);
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private ByteBuffer pendingApp = ByteBuffer.allocate(0);
    private SSLException failure;

    public JdkPeer(SSLEngine engine) {
        this.engine = engine;
        try {
            engine.beginHandshake();
        } catch (SSLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static SSLContext context(TestPki.Identity identity, X509Certificate root)
            throws Exception {
        return context(identity, root, null);
    }

    /** An SSLContext from {@code provider} (null: the JDK's SunJSSE), e.g. Bouncy Castle's JSSE. */
    public static SSLContext context(
            TestPki.Identity identity, X509Certificate root, java.security.Provider provider)
            throws Exception {
        SSLContext ctx =
                provider == null
                        ? SSLContext.getInstance("TLSv1.3")
                        : SSLContext.getInstance("TLSv1.3", provider);
        KeyManagerFactory kmf = null;
        if (identity != null) {
            kmf =
                    provider == null
                            ? KeyManagerFactory.getInstance("PKIX")
                            : KeyManagerFactory.getInstance("PKIX", provider);
            kmf.init(identity.keyStore(root), "changeit".toCharArray());
        }
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("root", root);
        TrustManagerFactory tmf =
                provider == null
                        ? TrustManagerFactory.getInstance("PKIX")
                        : TrustManagerFactory.getInstance("PKIX", provider);
        tmf.init(trust);
        ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return ctx;
    }

    public static JdkPeer client(SSLContext ctx, String host, int port, String... suites) {
        return client(ctx, new String[] {"TLSv1.3"}, host, port, suites);
    }

    /** A client with these protocols enabled, e.g. {@code "TLSv1.2"} only. */
    public static JdkPeer client(
            SSLContext ctx, String[] protocols, String host, int port, String... suites) {
        SSLEngine e = ctx.createSSLEngine(host, port);
        e.setUseClientMode(true);
        configure(e, protocols, suites);
        SSLParameters p = e.getSSLParameters();
        p.setEndpointIdentificationAlgorithm("HTTPS");
        e.setSSLParameters(p);
        return new JdkPeer(e);
    }

    public static JdkPeer server(SSLContext ctx, boolean needClientAuth, String... suites) {
        return server(ctx, new String[] {"TLSv1.3"}, needClientAuth, suites);
    }

    /** A server with these protocols enabled, e.g. {@code "TLSv1.2"} only. */
    public static JdkPeer server(
            SSLContext ctx, String[] protocols, boolean needClientAuth, String... suites) {
        SSLEngine e = ctx.createSSLEngine();
        e.setUseClientMode(false);
        e.setNeedClientAuth(needClientAuth);
        configure(e, protocols, suites);
        return new JdkPeer(e);
    }

    private static void configure(SSLEngine e, String[] protocols, String... suites) {
        e.setEnabledProtocols(protocols);
        if (suites.length > 0) {
            e.setEnabledCipherSuites(suites);
        }
    }

    public SSLEngine engine() {
        return engine;
    }

    public SSLException failure() {
        return failure;
    }

    public byte[] received() {
        return received.toByteArray();
    }

    /** Forgets what was received so far (benchmarks would otherwise grow without bound). */
    public void clearReceived() {
        received.reset();
    }

    public void send(byte[] data) {
        ByteBuffer nb = ByteBuffer.allocate(pendingApp.remaining() + data.length);
        nb.put(pendingApp).put(data).flip();
        pendingApp = nb;
    }

    public void closeOutbound() {
        engine.closeOutbound();
    }

    /** Consumes inbound bytes, returns what the JDK engine wants to send. */
    public byte[] step(byte[] inbound) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (netIn.remaining() < inbound.length) {
            ByteBuffer nb = ByteBuffer.allocate(netIn.position() + inbound.length + 1024);
            netIn.flip();
            nb.put(netIn);
            netIn = nb;
        }
        netIn.put(inbound);
        try {
            boolean progress = true;
            for (int guard = 0; progress && guard < 100; guard++) {
                progress = false;
                netIn.flip();
                while (netIn.hasRemaining()) {
                    SSLEngineResult r = engine.unwrap(netIn, appIn);
                    runTasks();
                    if (r.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
                        ByteBuffer nb = ByteBuffer.allocate(appIn.capacity() * 2);
                        appIn.flip();
                        nb.put(appIn);
                        appIn = nb;
                        continue;
                    }
                    if (r.getStatus() != SSLEngineResult.Status.OK || r.bytesConsumed() == 0) {
                        break;
                    }
                    progress = true;
                }
                netIn.compact();
                appIn.flip();
                byte[] app = new byte[appIn.remaining()];
                appIn.get(app);
                received.writeBytes(app);
                appIn.clear();
                progress |= wrapAll(out);
            }
        } catch (SSLException e) {
            failure = e;
            try {
                wrapAll(out);
            } catch (SSLException ignored) {
                // already failed
            }
        }
        return out.toByteArray();
    }

    private boolean wrapAll(ByteArrayOutputStream out) throws SSLException {
        boolean any = false;
        ByteBuffer net = ByteBuffer.allocate(engine.getSession().getPacketBufferSize() + 1024);
        for (int guard = 0; guard < 100; guard++) {
            SSLEngineResult.HandshakeStatus hs = engine.getHandshakeStatus();
            boolean hasApp =
                    pendingApp.hasRemaining()
                            && (hs == SSLEngineResult.HandshakeStatus.NOT_HANDSHAKING
                                    || hs == SSLEngineResult.HandshakeStatus.FINISHED);
            if (hs != SSLEngineResult.HandshakeStatus.NEED_WRAP && !hasApp) {
                break;
            }
            net.clear();
            SSLEngineResult r = engine.wrap(pendingApp, net);
            runTasks();
            net.flip();
            byte[] b = new byte[net.remaining()];
            net.get(b);
            out.writeBytes(b);
            if (r.bytesProduced() == 0 && r.bytesConsumed() == 0) {
                break;
            }
            any = true;
            if (r.getStatus() == SSLEngineResult.Status.CLOSED) {
                break;
            }
        }
        return any;
    }

    private void runTasks() {
        Runnable t;
        while ((t = engine.getDelegatedTask()) != null) {
            t.run();
        }
    }

    /** Drives our engine against this JDK peer until neither side has more to send. */
    public static void converse(TlsEngine ours, JdkPeer jdk) {
        byte[] toJdk = ours.start().outbound();
        byte[] toOurs = ours.isClient() ? new byte[0] : jdk.step(new byte[0]);
        for (int i = 0; i < 30; i++) {
            if (toOurs.length > 0) {
                EngineOutput o = ours.feed(toOurs);
                toJdk = Pump.concat(toJdk, o.outbound());
                ourReceived(ours).writeBytes(o.applicationBytes());
            }
            toOurs = jdk.step(toJdk);
            if (toJdk.length == 0 && toOurs.length == 0) {
                break;
            }
            toJdk = new byte[0];
        }
    }

    private static final java.util.Map<TlsEngine, ByteArrayOutputStream> RECEIVED =
            java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

    /** Application data our engine received during {@link #converse}. */
    public static ByteArrayOutputStream ourReceived(TlsEngine ours) {
        return RECEIVED.computeIfAbsent(ours, k -> new ByteArrayOutputStream());
    }
}
