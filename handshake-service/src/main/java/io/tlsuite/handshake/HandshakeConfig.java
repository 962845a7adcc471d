package io.tlsuite.handshake;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Every setting of the service; the module README lists them with their defaults. */
@ConfigMapping(prefix = "handshake")
public interface HandshakeConfig {

    /** Base URL of the certificate authority. */
    String caUrl();

    /**
     * The provisioner token presented to the CA ({@code Authorization: Bearer}); unset: read from
     * {@link #caTokenFile()} (the local run's CA writes it there).
     */
    Optional<String> caToken();

    String caTokenFile();

    Identity identity();

    Tls tls();

    Tls12 tls12();

    /** OCSP stapling of the service's own certificates. */
    Stapling stapling();

    Rest rest();

    SessionStore sessionStore();

    Replicas replicas();

    /**
     * Sharing REST handshakes and sessions between replicas through the session store's engine
     * states (needs {@code handshake.session-store.enabled} and a URL).
     */
    interface Replicas {
        /** Store each REST step's suspended engine so that any replica serves the next step. */
        @WithDefault("true")
        boolean shareState();

        /** Time allowed for one call to the session store during a REST step. */
        @WithDefault("2s")
        Duration storeTimeout();
    }

    interface Identity {
        /** The lifetime asked of the CA; renewal happens at two thirds of it. */
        @WithDefault("30d")
        Duration validity();

        /** DNS names besides {@code localhost} and (optionally) the host name. */
        Optional<List<String>> dnsNames();

        /** IP addresses besides 127.0.0.1 and ::1. */
        Optional<List<String>> ipAddresses();

        @WithDefault("true")
        boolean includeHostname();

        @WithDefault("1s")
        Duration retryInitial();

        @WithDefault("10s")
        Duration retryMax();

        /**
         * The key types to enrol a certificate for, in preference order: {@code ec-p256}, {@code
         * rsa-2048}. The server picks per handshake the first whose certificate fits the client.
         */
        @WithDefault("ec-p256,rsa-2048")
        List<String> keyTypes();

        /**
         * A directory every replica of this service mounts: they then share one identity (one
         * enrols, the others take it), so one name presents one certificate on every replica.
         * Unset: each instance enrols its own.
         */
        Optional<String> sharedDir();
    }

    interface Tls {
        @WithDefault("true")
        boolean enabled();

        /** The TLS port; 0 picks a free one (tests). */
        int port();

        @WithDefault("0.0.0.0")
        String host();

        /** Connections served at once; further ones are closed at accept. */
        @WithDefault("128")
        int maxConnections();

        /**
         * Connections open at once from one client address; further ones are closed at accept, so
         * one client cannot hold the whole pool.
         */
        @WithDefault("32")
        int maxConnectionsPerAddress();

        /** A connection that sends nothing for this long after connecting is closed. */
        @WithDefault("3s")
        Duration firstByteTimeout();

        /** A handshake must finish within this, whatever the client sends (slow-loris). */
        @WithDefault("10s")
        Duration handshakeTimeout();

        /** An established connection with no request for this long is closed. */
        @WithDefault("30s")
        Duration idleTimeout();

        /** Largest HTTP request (head and body) accepted over TLS. */
        @WithDefault("65536")
        int maxRequestBytes();

        /** Mutual TLS: none, optional or required (client certificate from the suite CA). */
        @WithDefault("none")
        String clientAuth();

        /**
         * The TLS versions to negotiate, on the TLS port and over REST: {@code TLSv1.3}, {@code
         * TLSv1.2} (1.3 is preferred when both sides offer it). Older versions are never
         * negotiated.
         */
        @WithDefault("TLSv1.3,TLSv1.2")
        List<String> versions();

        @WithDefault("7200")
        long ticketLifetimeSeconds();

        /**
         * The AES key that seals resumption tickets, shared by every replica (created if absent).
         */
        String ticketKeyFile();
    }

    /**
     * What a TLS 1.2 client must offer (TLS 1.3 always has both properties). Off by default, as in
     * OpenSSL and rustls: clients without them are served and their handshake events and page say
     * {@code ems: false} / {@code secureRenegotiation: false}.
     */
    interface Tls12 {
        /** Refuse clients without extended_master_secret (RFC 7627 §5.3): handshake_failure. */
        @WithDefault("false")
        boolean requireEms();

        /**
         * Refuse clients that signal no secure renegotiation (RFC 5746: neither renegotiation_info
         * nor the SCSV): handshake_failure. Renegotiation is refused either way.
         */
        @WithDefault("false")
        boolean requireSecureRenegotiation();
    }

    interface Stapling {
        /** Fetch OCSP responses for our certificates from the CA and staple them (RFC 6066 §8). */
        @WithDefault("true")
        boolean enabled();

        /**
         * A response is fetched again this long before its nextUpdate (or, without nextUpdate, this
         * long after its thisUpdate).
         */
        @WithDefault("10m")
        Duration refreshBefore();

        /** After a failed fetch, the next try comes after this (doubling up to refresh-before). */
        @WithDefault("5s")
        Duration retryAfter();

        /** Time allowed for one OCSP request to the CA. */
        @WithDefault("5s")
        Duration timeout();
    }

    interface Rest {
        /** Handshakes over REST that may be open (not complete, not failed) at once. */
        @WithDefault("1000")
        int maxHalfOpen();

        /**
         * Of those, how many one client address may hold, so that a few callers cannot keep the
         * whole budget full; beyond it, 429 {@code too-many-handshakes-from-client}.
         */
        @WithDefault("100")
        int maxHalfOpenPerClient();

        /** A REST handshake not complete after this is dropped. */
        @WithDefault("30s")
        Duration handshakeLifetime();

        @WithDefault("10000")
        int maxSessions();

        /** A REST session with no records for this long is closed. */
        @WithDefault("10m")
        Duration sessionIdleTimeout();

        /** Largest flight (decoded bytes) accepted in one request. */
        @WithDefault("65536")
        int maxFlightBytes();
    }

    interface SessionStore {
        @WithDefault("true")
        boolean enabled();

        String url();

        /** The service token; when unset it is read from {@link #tokenFile()}. */
        Optional<String> token();

        String tokenFile();

        /**
         * Registrations and closes sent in one request ({@code POST /api/v1/session-batches}) at
         * most; 1 sends each on its own, as single calls.
         */
        @WithDefault("100")
        int batchMaxOperations();

        /**
         * How long the first queued operation waits for others to share its request. A session is
         * in the store at most this long (plus the request) after its handshake.
         */
        @WithDefault("10ms")
        Duration batchLinger();
    }
}
