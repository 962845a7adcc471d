package io.tlsuite.agent.domain;

import io.tlsuite.protocol.codec.ProtocolVersion;
import io.tlsuite.protocol.crypto.CipherSuite;
import io.tlsuite.protocol.crypto.NamedGroup;
import io.tlsuite.protocol.crypto.Tls12CipherSuite;
import java.util.List;

/**
 * What the agent offers: versions, suites, groups, whether it presents its client certificate and
 * whether it checks the server's. Empty lists mean the engine's defaults.
 */
public record ClientProfile(
        List<ProtocolVersion> versions,
        List<CipherSuite> suites,
        List<Tls12CipherSuite> tls12Suites,
        List<NamedGroup> groups,
        boolean presentCertificate,
        boolean verify) {

    static ClientProfile defaults() {
        return new ClientProfile(List.of(), List.of(), List.of(), List.of(), false, true);
    }

    ClientProfile tls13Only() {
        return new ClientProfile(
                List.of(ProtocolVersion.TLS_1_3),
                suites,
                tls12Suites,
                groups,
                presentCertificate,
                verify);
    }

    ClientProfile tls12Only(Tls12CipherSuite... only) {
        return new ClientProfile(
                List.of(ProtocolVersion.TLS_1_2),
                suites,
                List.of(only),
                groups,
                presentCertificate,
                verify);
    }

    ClientProfile withSuites(CipherSuite... s) {
        return new ClientProfile(
                versions, List.of(s), tls12Suites, groups, presentCertificate, verify);
    }

    ClientProfile withGroups(NamedGroup... g) {
        return new ClientProfile(
                versions, suites, tls12Suites, List.of(g), presentCertificate, verify);
    }

    ClientProfile withClientCertificate() {
        return new ClientProfile(versions, suites, tls12Suites, groups, true, verify);
    }

    ClientProfile withoutVerification() {
        return new ClientProfile(versions, suites, tls12Suites, groups, presentCertificate, false);
    }
}
