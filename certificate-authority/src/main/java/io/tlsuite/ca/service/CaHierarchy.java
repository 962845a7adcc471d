package io.tlsuite.ca.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.Startup;
import io.tlsuite.ca.config.CaConfig;
import io.tlsuite.ca.domain.CaCredentials;
import io.tlsuite.ca.domain.CertificateIssuer;
import io.tlsuite.ca.domain.KeyType;
import io.tlsuite.ca.domain.Pem;
import io.tlsuite.ca.domain.Profile;
import io.tlsuite.ca.domain.PublicKeyProfile;
import io.tlsuite.ca.domain.SerialNumbers;
import io.tlsuite.ca.events.CertificateEvents;
import io.tlsuite.ca.events.OutboxWriter;
import io.tlsuite.ca.store.CaKeyFiles;
import io.tlsuite.ca.store.CertificateRecord;
import io.tlsuite.ca.store.CertificateRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.jboss.logging.Logger;

/**
 * The root and the intermediate. Created at first start (keys encrypted on disk), loaded on later
 * starts; both are recorded in the store, which publishes {@code certificate.issued} for them once.
 */
@Startup
@ApplicationScoped
public class CaHierarchy {

    private static final Logger LOG = Logger.getLogger(CaHierarchy.class);
    static final String ROOT = "root";
    static final String INTERMEDIATE = "intermediate";

    private final CaCredentials root;
    private final CaCredentials intermediate;
    private final CertificateIssuer issuer;
    private final String rootPem;
    private final String chainPem;
    private final String intermediateName;

    /** The passphrase in application.properties, for the local run only. */
    static final String BUILT_IN_PASSPHRASE = "tlsuite-local-dev-passphrase";

    CaHierarchy(CaConfig config, CertificateRepository certificates, OutboxWriter outbox) {
        this.issuer = new CertificateIssuer(config.publicUrl());
        CaKeyFiles files = new CaKeyFiles(config.keyDir().toAbsolutePath());
        if (BUILT_IN_PASSPHRASE.equals(config.keyPassphrase()) && !config.localRun()) {
            // The built-in passphrase is public (it is in this repository): outside the local run
            // it would protect the CA keys with a secret everyone knows.
            throw new IllegalStateException(
                    "the built-in CA key passphrase is for the local run only: set"
                            + " TLSUITE_CA_KEY_PASSPHRASE (tlsuite.ca.key-passphrase), or"
                            + " TLSUITE_LOCAL_RUN=true on a developer machine");
        }
        char[] passphrase = config.keyPassphrase().toCharArray();
        try {
            KeyType keyType = KeyType.parse(config.keyType());
            CaCredentials loadedRoot = files.load(ROOT, passphrase).orElse(null);
            if (loadedRoot == null) {
                loadedRoot =
                        issuer.createRoot(
                                new X500Name(config.rootSubject()), keyType, config.rootValidity());
                files.save(ROOT, loadedRoot, passphrase);
                LOG.infof(
                        "Created the root CA %s (%s) in %s",
                        loadedRoot.certificate().getSubjectX500Principal().getName(),
                        keyType.description(),
                        files.keyFile(ROOT));
            }
            CaCredentials loadedIntermediate = files.load(INTERMEDIATE, passphrase).orElse(null);
            if (loadedIntermediate == null) {
                loadedIntermediate =
                        issuer.createIntermediate(
                                loadedRoot,
                                new X500Name(config.intermediateSubject()),
                                keyType,
                                config.intermediateValidity());
                files.save(INTERMEDIATE, loadedIntermediate, passphrase);
                LOG.infof(
                        "Created the intermediate CA %s in %s",
                        loadedIntermediate.certificate().getSubjectX500Principal().getName(),
                        files.keyFile(INTERMEDIATE));
            }
            this.root = loadedRoot;
            this.intermediate = loadedIntermediate;
            this.rootPem = Pem.certificate(loadedRoot.certificate());
            this.chainPem = Pem.certificate(loadedIntermediate.certificate()) + rootPem;
            this.intermediateName =
                    loadedIntermediate.certificate().getSubjectX500Principal().getName();
        } finally {
            Arrays.fill(passphrase, '\0');
        }
        QuarkusTransaction.requiringNew()
                .run(
                        () -> {
                            record(certificates, outbox, root.certificate(), Profile.ROOT);
                            record(
                                    certificates,
                                    outbox,
                                    intermediate.certificate(),
                                    Profile.INTERMEDIATE);
                        });
        LOG.infof(
                "CA ready: root %s, intermediate %s",
                SerialNumbers.hex(root.certificate().getSerialNumber()),
                SerialNumbers.hex(intermediate.certificate().getSerialNumber()));
    }

    private static void record(
            CertificateRepository certificates,
            OutboxWriter outbox,
            X509Certificate certificate,
            Profile profile) {
        String serial = SerialNumbers.hex(certificate.getSerialNumber());
        if (certificates.find(serial).isPresent()) {
            return;
        }
        CertificateRecord record = recordOf(certificate, profile, List.of());
        certificates.insert(record);
        outbox.record(CertificateEvents.issued(record, certificate));
    }

    /**
     * The record of a leaf this intermediate just signed, from what issuance already knows (the
     * issuer's name, the request's key) rather than by re-reading them from the certificate.
     */
    static CertificateRecord leafRecordOf(
            X509Certificate certificate,
            BigInteger serial,
            String issuerName,
            PublicKeyProfile key,
            Profile profile,
            List<String> subjectAltNames,
            Instant notBefore,
            Instant notAfter) {
        return new CertificateRecord(
                SerialNumbers.hex(serial),
                certificate.getSubjectX500Principal().getName(),
                issuerName,
                profile.label(),
                key.description(),
                subjectAltNames,
                notBefore,
                notAfter,
                CertificateRecord.VALID,
                null,
                null,
                Instant.now(),
                Pem.certificate(certificate));
    }

    static CertificateRecord recordOf(
            X509Certificate certificate, Profile profile, List<String> subjectAltNames) {
        return new CertificateRecord(
                SerialNumbers.hex(certificate.getSerialNumber()),
                certificate.getSubjectX500Principal().getName(),
                certificate.getIssuerX500Principal().getName(),
                profile.label(),
                PublicKeyProfile.of(
                                SubjectPublicKeyInfo.getInstance(
                                        certificate.getPublicKey().getEncoded()))
                        .description(),
                subjectAltNames,
                certificate.getNotBefore().toInstant(),
                certificate.getNotAfter().toInstant(),
                CertificateRecord.VALID,
                null,
                null,
                Instant.now(),
                Pem.certificate(certificate));
    }

    public CaCredentials root() {
        return root;
    }

    public CaCredentials intermediate() {
        return intermediate;
    }

    public CertificateIssuer issuer() {
        return issuer;
    }

    public String rootPem() {
        return rootPem;
    }

    /** Intermediate then root, the order a TLS server sends them in after its own certificate. */
    public String chainPem() {
        return chainPem;
    }

    /** The intermediate in DER, served at the leaves' CA Issuers URL. */
    public byte[] intermediateDer() {
        try {
            return intermediate.certificate().getEncoded();
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException("cannot encode the intermediate", e);
        }
    }

    public String intermediateSerial() {
        return SerialNumbers.hex(intermediate.certificate().getSerialNumber());
    }

    /** The intermediate's subject as stored in the issuer column of its leaves. */
    /** The intermediate's subject (RFC 2253), the issuer of every leaf. */
    public String intermediateName() {
        return intermediateName;
    }
}
