package io.tlsuite.ca.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tlsuite.ca.domain.CaCredentials;
import io.tlsuite.ca.domain.CertificateIssuer;
import io.tlsuite.ca.domain.KeyType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.Signature;
import java.time.Duration;
import org.bouncycastle.asn1.x500.X500Name;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CaKeyFilesTest {

    @TempDir Path dir;

    @ParameterizedTest
    @EnumSource(
            value = KeyType.class,
            names = {"EC_P256", "EC_P384", "RSA_2048", "ED25519"})
    void keysAreEncryptedAtRestAndLoadBackWithThePassphrase(KeyType type) throws Exception {
        CaCredentials root =
                new CertificateIssuer("http://x")
                        .createRoot(new X500Name("CN=Test Root"), type, Duration.ofDays(1));
        CaKeyFiles files = new CaKeyFiles(dir);
        files.save("root", root, "s3cret".toCharArray());

        String pem = Files.readString(files.keyFile("root"));
        assertThat(pem).startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----");
        assertThat(pem).doesNotContain("BEGIN PRIVATE KEY");
        assertThat(Files.getPosixFilePermissions(files.keyFile("root")))
                .containsExactlyInAnyOrder(
                        PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

        CaCredentials loaded = files.load("root", "s3cret".toCharArray()).orElseThrow();
        assertThat(loaded.certificate()).isEqualTo(root.certificate());
        // The loaded key signs what the certificate's public key verifies.
        Signature signer = Signature.getInstance(loaded.signatureAlgorithm(), "BC");
        signer.initSign(loaded.privateKey());
        signer.update(new byte[] {1, 2, 3});
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance(loaded.signatureAlgorithm(), "BC");
        verifier.initVerify(loaded.certificate().getPublicKey());
        verifier.update(new byte[] {1, 2, 3});
        assertThat(verifier.verify(signature)).isTrue();

        assertThatThrownBy(() -> files.load("root", "wrong".toCharArray()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("passphrase");
        assertThat(files.load("absent", "s3cret".toCharArray())).isEmpty();
    }
}
