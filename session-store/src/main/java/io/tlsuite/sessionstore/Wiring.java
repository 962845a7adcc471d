package io.tlsuite.sessionstore;

import io.quarkus.redis.datasource.RedisDataSource;
import io.tlsuite.sessionstore.domain.EngineStateBackend;
import io.tlsuite.sessionstore.domain.EngineStates;
import io.tlsuite.sessionstore.domain.SessionBackend;
import io.tlsuite.sessionstore.domain.SessionEventSink;
import io.tlsuite.sessionstore.domain.SessionRegistry;
import io.tlsuite.sessionstore.store.EnvelopeCipher;
import io.tlsuite.sessionstore.store.InMemoryEngineStateBackend;
import io.tlsuite.sessionstore.store.InMemorySessionBackend;
import io.tlsuite.sessionstore.store.RedisEngineStateBackend;
import io.tlsuite.sessionstore.store.RedisSessionBackend;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;
import org.jboss.logging.Logger;

/** Builds the framework-free domain and store objects from configuration. */
@ApplicationScoped
class Wiring {

    private static final Logger LOG = Logger.getLogger(Wiring.class);

    @Produces
    @ApplicationScoped
    Clock clock() {
        return Clock.systemUTC();
    }

    @Produces
    @ApplicationScoped
    EnvelopeCipher envelope(SessionStoreConfig config) {
        var keys = config.envelope().keys().filter(s -> !s.isBlank());
        if (keys.isEmpty()) {
            if (!"memory".equals(config.backend())) {
                throw new IllegalStateException(
                        "sessionstore.envelope.keys must be set with the "
                                + config.backend()
                                + " backend: sealed keys must open after a restart");
            }
            LOG.info("No envelope key configured: sealing key material with a random per-JVM key");
            return EnvelopeCipher.ephemeral();
        }
        EnvelopeCipher cipher =
                EnvelopeCipher.fromSpec(keys.get(), config.envelope().activeKey().orElse(null));
        LOG.infof("Envelope encryption with active key id '%s'", cipher.activeKeyId());
        return cipher;
    }

    @Produces
    @ApplicationScoped
    SessionBackend backend(SessionStoreConfig config, Instance<RedisDataSource> redis) {
        switch (config.backend()) {
            case "memory":
                LOG.info("Session backend: in memory");
                return new InMemorySessionBackend();
            case "redis":
                LOG.infof("Session backend: Redis, key prefix '%s'", config.redis().keyPrefix());
                return new RedisSessionBackend(redis.get(), config.redis().keyPrefix());
            default:
                throw new IllegalStateException(
                        "sessionstore.backend must be memory or redis, not " + config.backend());
        }
    }

    @Produces
    @ApplicationScoped
    EngineStateBackend engineStateBackend(
            SessionStoreConfig config, Instance<RedisDataSource> redis) {
        return "redis".equals(config.backend())
                ? new RedisEngineStateBackend(redis.get(), config.redis().keyPrefix())
                : new InMemoryEngineStateBackend();
    }

    @Produces
    @ApplicationScoped
    EngineStates engineStates(
            EngineStateBackend backend,
            EnvelopeCipher envelope,
            Clock clock,
            SessionStoreConfig config) {
        var c = config.engineStates();
        return new EngineStates(
                backend,
                envelope,
                clock,
                new EngineStates.Settings(
                        c.maxHandshakeTtl(),
                        c.maxSessionTtl(),
                        c.tombstoneRetention(),
                        c.maxBytes()));
    }

    void closeBackend(@Disposes SessionBackend backend) {
        backend.close();
    }

    @Produces
    @ApplicationScoped
    SessionRegistry registry(
            SessionBackend backend,
            EnvelopeCipher envelope,
            SessionEventSink sink,
            Clock clock,
            SessionStoreConfig config) {
        return new SessionRegistry(
                backend,
                envelope,
                sink,
                clock,
                new SessionRegistry.Settings(
                        config.defaultSessionLifetime(),
                        config.maxSessionLifetime(),
                        config.ticket().defaultLifetime(),
                        config.ticket().maxLifetime(),
                        config.tombstoneRetention()));
    }
}
