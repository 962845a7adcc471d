package io.tlsuite.ca.store;

import io.tlsuite.ca.domain.BouncyCastle;
import io.tlsuite.ca.domain.CaCredentials;
import io.tlsuite.ca.domain.Pem;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Optional;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.OutputEncryptor;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.PKCSException;

/**
 * A CA's key and certificate on disk: {@code <name>.key.pem} is an encrypted PKCS#8 private key
 * (RFC 5958, PBES2 with PBKDF2-HMAC-SHA256 and AES-256-CBC; readable by {@code openssl pkey}),
 * {@code <name>.crt.pem} its certificate. Files are written owner-only where the file system
 * allows.
 */
public final class CaKeyFiles {

    private static final int PBKDF2_ITERATIONS = 100_000;

    private final Path directory;

    public CaKeyFiles(Path directory) {
        this.directory = directory;
    }

    public Path keyFile(String name) {
        return directory.resolve(name + ".key.pem");
    }

    public Path certificateFile(String name) {
        return directory.resolve(name + ".crt.pem");
    }

    /**
     * Loads a CA's credentials; empty when its files do not exist yet.
     *
     * @throws IllegalStateException when the files exist but cannot be read or decrypted
     */
    public Optional<CaCredentials> load(String name, char[] passphrase) {
        Path keyFile = keyFile(name);
        Path certificateFile = certificateFile(name);
        if (!Files.exists(keyFile) || !Files.exists(certificateFile)) {
            return Optional.empty();
        }
        try {
            X509Certificate certificate =
                    Pem.certificates(Files.readString(certificateFile)).get(0);
            PrivateKey key;
            try (Reader reader = Files.newBufferedReader(keyFile, StandardCharsets.US_ASCII);
                    PEMParser parser = new PEMParser(reader)) {
                Object object = parser.readObject();
                if (!(object instanceof PKCS8EncryptedPrivateKeyInfo encrypted)) {
                    throw new IllegalStateException(
                            keyFile + " is not an encrypted PKCS#8 private key");
                }
                PrivateKeyInfo info =
                        encrypted.decryptPrivateKeyInfo(
                                new JceOpenSSLPKCS8DecryptorProviderBuilder()
                                        .setProvider(BouncyCastle.PROVIDER)
                                        .build(passphrase));
                key =
                        new JcaPEMKeyConverter()
                                .setProvider(BouncyCastle.PROVIDER)
                                .getPrivateKey(info);
            }
            return Optional.of(new CaCredentials(certificate, key));
        } catch (PKCSException | OperatorCreationException e) {
            throw new IllegalStateException(
                    "cannot decrypt "
                            + keyFile
                            + ": wrong passphrase (tlsuite.ca.key-passphrase) or damaged file",
                    e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + keyFile, e);
        }
    }

    /** Writes both files (key encrypted with {@code passphrase}), each atomically. */
    public void save(String name, CaCredentials credentials, char[] passphrase) {
        try {
            Files.createDirectories(directory);
            OutputEncryptor encryptor =
                    new JceOpenSSLPKCS8EncryptorBuilder(JcaPKCS8Generator.AES_256_CBC)
                            .setPRF(JcaPKCS8Generator.PRF_HMACSHA256)
                            .setIterationCount(PBKDF2_ITERATIONS)
                            .setPassword(passphrase)
                            .setProvider(BouncyCastle.PROVIDER)
                            .build();
            StringWriter pem = new StringWriter();
            try (JcaPEMWriter writer = new JcaPEMWriter(pem)) {
                writer.writeObject(new JcaPKCS8Generator(credentials.privateKey(), encryptor));
            }
            write(keyFile(name), pem.toString());
            write(certificateFile(name), Pem.certificate(credentials.certificate()));
        } catch (OperatorCreationException e) {
            throw new IllegalStateException("cannot encrypt the " + name + " key", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the " + name + " key files", e);
        }
    }

    private static void write(Path target, String content) throws IOException {
        SecretFiles.write(target, content);
    }
}
