package io.tlsuite.kafka;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/** The users file of {@code --users-file}: {@code principal=password}, one a line. */
final class BrokerUsers {

    private BrokerUsers() {}

    /**
     * The users of {@code file}.
     *
     * @throws IllegalArgumentException the file cannot be read or names no user (said without any
     *     password)
     */
    static Map<String, String> read(Path file) {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (IOException | UncheckedIOException e) {
            throw new IllegalArgumentException("cannot read the users file " + file + ": " + e);
        }
        Map<String, String> users = new TreeMap<>();
        p.stringPropertyNames().forEach(name -> users.put(name.trim(), p.getProperty(name).trim()));
        if (users.isEmpty()) {
            throw new IllegalArgumentException("the users file " + file + " names no user");
        }
        return users;
    }
}
