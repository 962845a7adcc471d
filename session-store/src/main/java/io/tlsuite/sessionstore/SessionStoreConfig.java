package io.tlsuite.sessionstore;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Every {@code sessionstore.*} property; defaults live in application.properties and README. */
@ConfigMapping(prefix = "sessionstore")
public interface SessionStoreConfig {

    /** {@code memory} or {@code redis}. */
    String backend();

    /**
     * The bearer token of the handshake service; when unset, {@link #serviceTokenFile()} is used.
     */
    Optional<String> serviceToken();

    /** Read, or created with a random token, when no token is configured. */
    String serviceTokenFile();

    Duration defaultSessionLifetime();

    Duration maxSessionLifetime();

    Duration tombstoneRetention();

    Duration sweepInterval();

    /** Requests with a larger declared body are refused with 413. */
    int maxBodyBytes();

    Ticket ticket();

    Envelope envelope();

    Redis redis();

    Revocation revocation();

    Mtls mtls();

    EngineStates engineStates();

    Batch batch();

    /** {@code POST /api/v1/session-batches}: many registrations and closes in one request. */
    interface Batch {
        /** Operations in one batch; more is a 400. */
        @WithDefault("500")
        int maxOperations();

        /** Declared body size of a batch; larger is a 413 (other requests: max-body-bytes). */
        @WithDefault("524288")
        int maxBodyBytes();
    }

    /**
     * Suspended TLS engines of in-flight handshakes and open REST sessions (any replica goes on).
     */
    interface EngineStates {
        /** Longest time to live a handshake state may ask for. */
        @WithDefault("5m")
        Duration maxHandshakeTtl();

        /** Longest time to live a session state may ask for. */
        @WithDefault("1d")
        Duration maxSessionTtl();

        /** How long an ended or expired state stays known (answers 410, not 404). */
        @WithDefault("15m")
        Duration tombstoneRetention();

        /** Largest state accepted (decoded bytes); larger ones get 413. */
        @WithDefault("32768")
        int maxBytes();
    }

    interface Mtls {
        /**
         * URI subjectAltNames of client certificates accepted as the handshake service (e.g. {@code
         * spiffe://tlsuite/handshake-service}, which the suite's CA grants only through its
         * admin-only service profile), when the HTTPS listener asks for client certificates ({@code
         * quarkus.http.ssl.client-auth=request}) and trusts the suite's CA; unset: only the token
         * admits. The subject CN is never used: the CA copies it from any CSR.
         */
        Optional<List<String>> allowedUris();
    }

    interface Ticket {
        Duration defaultLifetime();

        Duration maxLifetime();
    }

    interface Envelope {
        /** {@code id:base64key,...}; unset: one random key per JVM (in-memory backend only). */
        Optional<String> keys();

        /** The key that seals new blobs; unset: the first of {@link #keys()}. */
        Optional<String> activeKey();

        /** Reseal blobs of older keys with the active one at startup. */
        @WithDefault("true")
        boolean rewrapOnStart();
    }

    interface Redis {
        String keyPrefix();
    }

    interface Revocation {
        boolean enabled();

        String topic();

        String groupId();

        /** The CA that confirms each {@code certificate.revoked} before the cascade acts. */
        String caUrl();
    }
}
