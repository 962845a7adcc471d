package io.tlsuite.handshake.tls;

import io.micrometer.core.instrument.Counter;
import io.tlsuite.handshake.HandshakeConfig;
import io.tlsuite.handshake.domain.ServerEngines;
import io.tlsuite.handshake.events.HandshakeEventRecorder;
import io.tlsuite.handshake.lab.LabServers;
import io.tlsuite.protocol.EngineOutput;
import io.tlsuite.protocol.TlsEngine;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/** One TCP connection of the TLS port: engine, events, HTTP, close (RFC 8446 §6.1). */
final class TlsConnection implements Runnable {
    private static final Logger LOG = Logger.getLogger(TlsConnection.class);

    private final Socket socket;
    private final ServerEngines engines;
    private final HandshakeConfig.Tls config;
    private final ScheduledExecutorService watchdog;
    private final AtomicInteger active;
    private final Counter timedOut;
    private final Set<Socket> open;
    private final LabServers lab;
    private volatile boolean handshakeTimedOut;
    private volatile boolean silent;

    TlsConnection(
            Socket socket,
            ServerEngines engines,
            HandshakeConfig.Tls config,
            ScheduledExecutorService watchdog,
            AtomicInteger active,
            Counter timedOut,
            Set<Socket> open,
            LabServers lab) {
        this.lab = lab;
        this.socket = socket;
        this.engines = engines;
        this.config = config;
        this.watchdog = watchdog;
        this.active = active;
        this.timedOut = timedOut;
        this.open = open;
    }

    @Override
    public void run() {
        active.incrementAndGet();
        String peer = peer();
        String sessionId = null;
        String closedBy = "server";
        String reason = "connection closed";
        HandshakeEventRecorder recorder = null;
        ScheduledFuture<?> deadline = null;
        ScheduledFuture<?> firstByteDeadline = null;
        byte[] buf = new byte[17 * 1024];
        try {
            socket.setTcpNoDelay(true);
            // The watchdog below ends slow handshakes; this read timeout is only a backstop.
            socket.setSoTimeout((int) config.handshakeTimeout().toMillis() * 2);
            recorder =
                    new HandshakeEventRecorder(
                            "hs-" + UUID.randomUUID(), "tcp", peer, engines::publish);
            Optional<ServerEngines.Handle> maybe = engines.newEngine(recorder);
            if (maybe.isEmpty()) {
                recorder.abandoned("server not enrolled yet");
                return;
            }
            ServerEngines.Handle handle = maybe.get();
            TlsEngine engine = handle.engine;
            deadline =
                    watchdog.schedule(
                            this::handshakeTimeout,
                            config.handshakeTimeout().toMillis(),
                            TimeUnit.MILLISECONDS);
            FirstByteWatch first = new FirstByteWatch(socket.getInputStream());
            firstByteDeadline =
                    watchdog.schedule(
                            () -> {
                                if (!first.arrived()) {
                                    silent = true;
                                    TlsPortServer.closeQuietly(socket);
                                }
                            },
                            config.firstByteTimeout().toMillis(),
                            TimeUnit.MILLISECONDS);
            // A ClientHello naming a lab identity (SNI) is served by the lab, not this engine.
            InputStream in = lab.intercept(socket, first);
            if (in == null) {
                reason = "lab";
                return;
            }
            OutputStream out = socket.getOutputStream();
            HttpOverTls http = null;
            while (true) {
                int n;
                try {
                    n = in.read(buf);
                } catch (SocketTimeoutException e) {
                    if (http == null) {
                        recorder.abandoned("handshake timeout");
                        reason = "handshake-timeout";
                    } else {
                        send(out, engine.close());
                        reason = "idle-timeout";
                    }
                    break;
                }
                if (n < 0) {
                    if (http == null) {
                        recorder.abandoned("the client closed the connection mid-handshake");
                    }
                    closedBy = "client";
                    reason = "tcp-close";
                    break;
                }
                EngineOutput o = engine.feed(buf, 0, n);
                send(out, o);
                if (http == null && o.handshakeComplete()) {
                    deadline.cancel(false);
                    sessionId = engines.completed(handle, recorder, peer);
                    http =
                            new HttpOverTls(
                                    ConnectionFacts.of(
                                            engine,
                                            sessionId,
                                            recorder.sentCertificateSerial(),
                                            engines.identity().orElse(null)),
                                    config.maxRequestBytes());
                    socket.setSoTimeout((int) config.idleTimeout().toMillis());
                }
                if (http != null && !o.applicationData().isEmpty()) {
                    byte[] plain = o.applicationBytes();
                    HttpOverTls.Output answer = http.onData(plain);
                    Arrays.fill(plain, (byte) 0);
                    if (answer.response().length > 0) {
                        send(out, engine.write(answer.response()));
                    }
                    if (answer.close()) {
                        send(out, engine.close());
                        reason = "connection-close";
                        break;
                    }
                }
                if (engine.isPeerClosed()) {
                    // RFC 8446 §6.1: answer close_notify with ours, then close.
                    send(out, engine.close());
                    closedBy = "client";
                    reason = "close_notify";
                    break;
                }
                if (engine.isClosed()) {
                    reason = engine.failure().map(a -> a.wireName()).orElse("closed");
                    break;
                }
            }
        } catch (IOException e) {
            if (silent) {
                if (recorder != null) {
                    recorder.abandoned(
                            "no byte within " + config.firstByteTimeout() + " of connecting");
                }
                reason = "first-byte-timeout";
            } else if (handshakeTimedOut) {
                if (recorder != null) {
                    recorder.abandoned(
                            "handshake not complete within " + config.handshakeTimeout());
                }
                reason = "handshake-timeout";
            } else {
                LOG.debugf("connection from %s: %s", peer, e.getMessage());
                reason = "io-error";
            }
        } catch (RuntimeException e) {
            LOG.warnf("connection from %s failed: %s", peer, e.toString());
            reason = "internal-error";
        } finally {
            if (deadline != null) {
                deadline.cancel(false);
            }
            if (firstByteDeadline != null) {
                firstByteDeadline.cancel(false);
            }
            TlsPortServer.closeQuietly(socket);
            open.remove(socket);
            try {
                if (sessionId != null) {
                    engines.closed(sessionId, closedBy, reason);
                }
            } catch (RuntimeException e) {
                // e.g. the application shut down under this connection
                LOG.debugf("closing session %s: %s", sessionId, e.toString());
            } finally {
                active.decrementAndGet();
            }
        }
    }

    private void handshakeTimeout() {
        handshakeTimedOut = true;
        timedOut.increment();
        TlsPortServer.closeQuietly(socket);
    }

    private static void send(OutputStream out, EngineOutput o) throws IOException {
        if (o.outbound().length > 0) {
            out.write(o.outbound());
            out.flush();
        }
    }

    private String peer() {
        if (socket.getRemoteSocketAddress() instanceof InetSocketAddress a) {
            return a.getAddress().getHostAddress() + ":" + a.getPort();
        }
        return String.valueOf(socket.getRemoteSocketAddress());
    }
}
