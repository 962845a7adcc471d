package io.tlsuite.handshake.tls;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.tlsuite.handshake.HandshakeConfig;
import io.tlsuite.handshake.domain.ServerEngines;
import io.tlsuite.handshake.lab.LabServers;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * The real TLS port (default 8443): plain blocking sockets, one thread per connection from a
 * bounded pool ({@code handshake.tls.max-connections}, at most {@code max-connections-per-address}
 * of them from one client address); a connection beyond either limit is closed at once. Each
 * connection runs a server {@code TlsEngine} and HTTP/1.1 over it ({@link TlsConnection}). A
 * watchdog closes connections whose handshake is not done in time, however slowly the client
 * trickles bytes.
 */
@ApplicationScoped
public class TlsPortServer {
    private static final Logger LOG = Logger.getLogger(TlsPortServer.class);

    @Inject HandshakeConfig config;
    @Inject ServerEngines engines;
    @Inject MeterRegistry meters;
    @Inject LabServers lab;

    private ServerSocket server;
    private ThreadPoolExecutor workers;
    private ScheduledExecutorService watchdog;
    private Thread acceptor;
    private final AtomicInteger active = new AtomicInteger();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private PerAddressLimit perAddress;
    private Counter rejected;
    private Counter rejectedPerAddress;
    private Counter timedOut;
    private volatile boolean running;

    void start(@Observes StartupEvent event) {
        if (!config.tls().enabled()) {
            return;
        }
        int max = config.tls().maxConnections();
        rejected = meters.counter("handshake.tls.connections.rejected", "limit", "pool");
        rejectedPerAddress =
                meters.counter("handshake.tls.connections.rejected", "limit", "per-address");
        perAddress = new PerAddressLimit(config.tls().maxConnectionsPerAddress());
        timedOut = meters.counter("handshake.tls.handshake.timeouts");
        meters.gauge("handshake.tls.connections.active", active);
        workers =
                new ThreadPoolExecutor(
                        Math.min(4, max),
                        max,
                        60,
                        TimeUnit.SECONDS,
                        new SynchronousQueue<>(),
                        r -> {
                            Thread t = new Thread(r, "tls-connection");
                            t.setDaemon(true);
                            return t;
                        });
        // Every connection schedules two deadlines and nearly always cancels both: removing a
        // cancelled deadline at once keeps the queue at the live connections instead of waking the
        // thread for each dead one when its time comes.
        ScheduledThreadPoolExecutor deadlines =
                new ScheduledThreadPoolExecutor(
                        1,
                        r -> {
                            Thread t = new Thread(r, "tls-watchdog");
                            t.setDaemon(true);
                            return t;
                        });
        deadlines.setRemoveOnCancelPolicy(true);
        watchdog = deadlines;
        try {
            server = new ServerSocket();
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(config.tls().host(), config.tls().port()), 256);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot listen on TLS port " + config.tls().port() + ": " + e.getMessage(), e);
        }
        running = true;
        acceptor = new Thread(this::acceptLoop, "tls-acceptor");
        acceptor.setDaemon(true);
        acceptor.start();
        LOG.infof("TLS port listening on %s:%d", config.tls().host(), port());
    }

    /** The bound port (differs from the configured one when that is 0). */
    public int port() {
        return server == null ? -1 : server.getLocalPort();
    }

    private void acceptLoop() {
        while (running) {
            Socket socket;
            try {
                socket = server.accept();
            } catch (IOException e) {
                if (running) {
                    LOG.warnf("accept failed: %s", e.getMessage());
                }
                continue;
            }
            Optional<PerAddressLimit.Permit> permit = perAddress.admit(socket.getInetAddress());
            if (permit.isEmpty()) {
                rejectedPerAddress.increment();
                closeQuietly(socket);
                continue;
            }
            open.add(socket);
            TlsConnection connection =
                    new TlsConnection(
                            socket, engines, config.tls(), watchdog, active, timedOut, open, lab);
            try {
                workers.execute(
                        () -> {
                            try {
                                connection.run();
                            } finally {
                                permit.get().release();
                            }
                        });
            } catch (RejectedExecutionException e) {
                rejected.increment();
                permit.get().release();
                open.remove(socket);
                closeQuietly(socket);
            }
        }
    }

    static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        if (server != null) {
            try {
                server.close();
            } catch (IOException | RuntimeException ignored) {
                // shutting down
            }
        }
        if (workers != null) {
            // Blocking reads ignore interrupts: close the connections, then let their threads
            // finish (session close, events) while the application is still up.
            open.forEach(TlsPortServer::closeQuietly);
            workers.shutdownNow();
            watchdog.shutdownNow();
            try {
                if (!workers.awaitTermination(3, TimeUnit.SECONDS)) {
                    LOG.warnf("%d TLS connections still closing at shutdown", active.get());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
