package io.tlsuite.ca.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Configuration of the CA ({@code tlsuite.ca.*}); the module README lists every property. */
@ConfigMapping(prefix = "tlsuite.ca")
public interface CaConfig {

    /** Where the encrypted CA keys and their certificates live. */
    Path keyDir();

    /** Passphrase that encrypts the CA private keys at rest. */
    String keyPassphrase();

    /**
     * Whether this is the local developer run ({@code ./suite up}, tests, dev mode): only then is
     * the built-in key passphrase accepted.
     */
    @WithDefault("false")
    boolean localRun();

    /** Key type of the root and intermediate, used only when they are first created. */
    @WithDefault("EC_P256")
    String keyType();

    @WithDefault("O=TLS Suite,CN=TLS Suite Root CA")
    String rootSubject();

    @WithDefault("O=TLS Suite,CN=TLS Suite Intermediate CA")
    String intermediateSubject();

    @WithDefault("7300d")
    Duration rootValidity();

    @WithDefault("3650d")
    Duration intermediateValidity();

    /** Base URL put in leaves for the CRL distribution point and the OCSP responder. */
    String publicUrl();

    /** The admin bearer token; when absent one is read from, or generated into, the token file. */
    Optional<String> adminToken();

    Path adminTokenFile();

    /**
     * The provisioner bearer token that ordinary clients present to have a CSR signed; when absent
     * one is read from, or generated into, {@link #provisionerTokenFile()}.
     */
    Optional<String> provisionerToken();

    Path provisionerTokenFile();

    /**
     * Named provisioners beside the default one ({@code tlsuite.ca.provisioners.<name>.*}): each
     * with its own token and what it may ask for (the policy applies on top).
     */
    Map<String, NamedProvisioner> provisioners();

    /** One named provisioner. */
    interface NamedProvisioner {
        /** Its bearer token; when absent, read from (or generated into) {@link #tokenFile()}. */
        Optional<String> token();

        Optional<Path> tokenFile();

        /** The leaf profiles it may ask for ({@code server}, {@code client}); absent: both. */
        Optional<List<String>> profiles();

        /**
         * Exact DNS names, {@code *.suffix} patterns and IP addresses its certificates may carry;
         * absent: whatever the policy allows.
         */
        Optional<List<String>> names();
    }

    Policy policy();

    Crl crl();

    Ocsp ocsp();

    interface Policy {
        /** Exact names or {@code *.suffix} patterns. */
        List<String> allowedDomains();

        List<String> allowedIps();

        /** Also allow this machine's host name. */
        @WithDefault("true")
        boolean includeHostname();

        @WithDefault("2048")
        int minRsaBits();

        @WithDefault("1m")
        Duration minValidity();

        @WithDefault("397d")
        Duration maxValidity();

        @WithDefault("90d")
        Duration defaultValidity();
    }

    interface Crl {
        /** nextUpdate = thisUpdate + this (RFC 5280 §5.1.2.5). */
        @WithDefault("24h")
        Duration nextUpdate();

        /** A new CRL is signed this long after the previous one, even without revocations. */
        @WithDefault("12h")
        Duration reissueAfter();

        /** How often the scheduler checks whether a CRL is due. */
        @WithDefault("60s")
        Duration checkEvery();
    }

    Expiry expiry();

    Outbox outbox();

    interface Expiry {
        /** How often the sweeper looks for certificates past their notAfter. */
        @WithDefault("60s")
        Duration sweepEvery();
    }

    interface Outbox {
        /** How often the relay sends pending events to Kafka. */
        @WithDefault("1s")
        Duration relayEvery();

        /** Events read from the outbox per round. */
        @WithDefault("200")
        int batchSize();
    }

    interface Ocsp {
        /** nextUpdate of OCSP responses (RFC 6960 §2.4). */
        @WithDefault("1h")
        Duration nextUpdate();
    }
}
