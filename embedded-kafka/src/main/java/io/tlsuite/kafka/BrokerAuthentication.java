package io.tlsuite.kafka;

import io.tlsuite.events.kafka.KafkaClientSecurity;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialDeletion;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.errors.SaslAuthenticationException;

/**
 * The authenticated mode of the embedded broker.
 *
 * <ul>
 *   <li>Every listener speaks SASL (SASL_PLAINTEXT, or SASL_SSL where TLS is configured): clients
 *       authenticate on the client listeners (one, {@code CLIENT}, by default; a container's {@code
 *       INTERNAL} and {@code EXTERNAL} alike), and nothing gets in through the controller listener
 *       without the broker's own password.
 *   <li>The broker's own principal ({@value #SUPER_USER}, a super user) authenticates with PLAIN
 *       against a password made at random for each start, held in memory only: it talks to its own
 *       controller, creates the topics, the users' SCRAM credentials and the ACLs. The controller
 *       port knows this user alone.
 *   <li>The client port also takes PLAIN with the users' passwords: librdkafka before 2.6.1 (Debian
 *       12's kcat) computes a SCRAM proof Kafka 4 refuses. Over SASL_PLAINTEXT on loopback PLAIN
 *       shows no more than the traffic itself does; the services use SCRAM.
 *   <li>The users' SCRAM credentials are written at every start (their passwords may have changed);
 *       credentials of users no longer listed are deleted.
 *   <li>{@code StandardAuthorizer}, nothing allowed without an ACL.
 * </ul>
 */
final class BrokerAuthentication {

    /** The broker's own principal; a user of that name cannot be configured. */
    static final String SUPER_USER = "broker-admin";

    /** Also a JAAS option name ({@code user_<name>}): no dots. */
    private static final Pattern USER_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");

    private static final int SCRAM_ITERATIONS = 8192;

    private final Map<String, String> users;
    private final String superUserPassword;

    private BrokerAuthentication(Map<String, String> users, String superUserPassword) {
        this.users = users;
        this.superUserPassword = superUserPassword;
    }

    static BrokerAuthentication withUsers(Map<String, String> users) {
        Map<String, String> checked = new TreeMap<>();
        users.forEach(
                (user, password) -> {
                    if (!USER_NAME.matcher(user).matches()) {
                        throw new IllegalArgumentException(
                                "a Kafka user name is 1-64 letters, digits, '_' or '-'");
                    }
                    if (user.equals(SUPER_USER)) {
                        throw new IllegalArgumentException(
                                "'" + SUPER_USER + "' is the broker's own principal");
                    }
                    if (password == null || password.length() < 12) {
                        throw new IllegalArgumentException(
                                "the password of Kafka user '" + user + "' is under 12 characters");
                    }
                    checked.put(user, password);
                });
        if (checked.isEmpty()) {
            throw new IllegalArgumentException("authentication needs at least one user");
        }
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        return new BrokerAuthentication(
                Map.copyOf(checked),
                Base64.getUrlEncoder().withoutPadding().encodeToString(random));
    }

    Set<String> users() {
        return users.keySet();
    }

    /**
     * SASL and authorizer properties for the listeners {@code config} names, whatever they are
     * called: every listener speaks SASL (PLAINTEXT becomes SASL_PLAINTEXT, SSL becomes SASL_SSL:
     * no listener is left open by a setting that forgot it); the controller listeners know the
     * broker alone, the others every user too.
     *
     * @throws IllegalArgumentException {@code config} names no listener, or one with no protocol
     */
    Map<String, String> securing(Properties config) {
        List<String> listeners = listenerNames(config.getProperty("listeners", ""));
        if (listeners.isEmpty()) {
            throw new IllegalArgumentException("the broker configuration names no listener");
        }
        Set<String> controllers =
                new HashSet<>(
                        listenerNames(config.getProperty("controller.listener.names", ""), false));
        Map<String, String> protocols = protocolMap(config);
        StringBuilder plainUsers = new StringBuilder();
        users.forEach(
                (user, password) ->
                        plainUsers
                                .append(" user_")
                                .append(user)
                                .append("=\"")
                                .append(quote(password))
                                .append('"'));
        String self = " user_" + SUPER_USER + "=\"" + superUserPassword + "\"";
        String login =
                "org.apache.kafka.common.security.plain.PlainLoginModule required"
                        + " username=\""
                        + SUPER_USER
                        + "\" password=\""
                        + superUserPassword
                        + "\"";
        Map<String, String> p = new TreeMap<>();
        StringBuilder map = new StringBuilder();
        for (String name : listeners) {
            String protocol = protocols.get(name);
            if (protocol == null) {
                throw new IllegalArgumentException(
                        "listener " + name + " has no protocol in listener.security.protocol.map");
            }
            map.append(map.isEmpty() ? "" : ",").append(name).append(':').append(sasl(protocol));
            String prefix = "listener.name." + name.toLowerCase(Locale.ROOT) + ".";
            if (controllers.contains(name)) {
                p.put(prefix + "sasl.enabled.mechanisms", "PLAIN");
                p.put(prefix + "plain.sasl.jaas.config", login + self + ";");
            } else {
                p.put(prefix + "sasl.enabled.mechanisms", "SCRAM-SHA-256,PLAIN");
                p.put(
                        prefix + "scram-sha-256.sasl.jaas.config",
                        "org.apache.kafka.common.security.scram.ScramLoginModule required;");
                p.put(prefix + "plain.sasl.jaas.config", login + self + plainUsers + ";");
            }
        }
        p.put("listener.security.protocol.map", map.toString());
        p.put("sasl.mechanism.inter.broker.protocol", "PLAIN");
        p.put("sasl.mechanism.controller.protocol", "PLAIN");
        p.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        p.put("super.users", "User:" + SUPER_USER);
        p.put("allow.everyone.if.no.acl.found", "false");
        return p;
    }

    private static String sasl(String protocol) {
        return switch (protocol) {
            case "PLAINTEXT", "SASL_PLAINTEXT" -> "SASL_PLAINTEXT";
            case "SSL", "SASL_SSL" -> "SASL_SSL";
            default -> throw new IllegalArgumentException("unknown listener protocol " + protocol);
        };
    }

    /** {@code NAME://host:port,...} (or bare names) to the names, upper case. */
    static List<String> listenerNames(String listeners) {
        return listenerNames(listeners, true);
    }

    private static List<String> listenerNames(String list, boolean uris) {
        List<String> names = new ArrayList<>();
        for (String item : list.split(",")) {
            String s = item.trim();
            if (s.isEmpty()) {
                continue;
            }
            int colon = uris ? s.indexOf("://") : -1;
            names.add((colon < 0 ? s : s.substring(0, colon)).toUpperCase(Locale.ROOT));
        }
        return names;
    }

    private static Map<String, String> protocolMap(Properties config) {
        Map<String, String> map = new HashMap<>();
        for (String entry : config.getProperty("listener.security.protocol.map", "").split(",")) {
            int colon = entry.indexOf(':');
            if (colon > 0) {
                map.put(
                        entry.substring(0, colon).trim().toUpperCase(Locale.ROOT),
                        entry.substring(colon + 1).trim().toUpperCase(Locale.ROOT));
            }
        }
        return map;
    }

    private static String quote(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    /** Client properties of the broker's super user (PLAIN), for this process's admin client. */
    Map<String, Object> superUserClientProperties() {
        return Map.of(
                AdminClientConfig.SECURITY_PROTOCOL_CONFIG,
                "SASL_PLAINTEXT",
                "sasl.mechanism",
                "PLAIN",
                "sasl.jaas.config",
                "org.apache.kafka.common.security.plain.PlainLoginModule required username=\""
                        + SUPER_USER
                        + "\" password=\""
                        + superUserPassword
                        + "\";");
    }

    /**
     * Writes every user's SCRAM credential, deletes those of users no longer listed, and returns
     * once a listed user can log in.
     */
    void provisionUsers(Admin admin, String bootstrapServers, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            Set<String> existing =
                    new HashSet<>(
                            admin.describeUserScramCredentials()
                                    .users()
                                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS));
            List<UserScramCredentialAlteration> changes = new ArrayList<>();
            users.forEach(
                    (user, password) ->
                            changes.add(
                                    new UserScramCredentialUpsertion(
                                            user,
                                            new ScramCredentialInfo(
                                                    ScramMechanism.SCRAM_SHA_256, SCRAM_ITERATIONS),
                                            password)));
            existing.removeAll(users.keySet());
            existing.forEach(
                    user ->
                            changes.add(
                                    new UserScramCredentialDeletion(
                                            user, ScramMechanism.SCRAM_SHA_256)));
            admin.alterUserScramCredentials(changes)
                    .all()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            awaitLogin(bootstrapServers, deadline);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not create the Kafka users: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating the Kafka users", e);
        }
    }

    /** Credentials reach the authenticator through the metadata log: wait until one works. */
    private void awaitLogin(String bootstrapServers, long deadline)
            throws InterruptedException, TimeoutException {
        Map.Entry<String, String> probe = users.entrySet().iterator().next();
        Map<String, Object> props =
                new HashMap<>(KafkaClientSecurity.scram(probe.getKey(), probe.getValue()));
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        while (true) {
            try (Admin admin = Admin.create(props)) {
                admin.describeCluster().clusterId().get(5, TimeUnit.SECONDS);
                return;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof SaslAuthenticationException)
                        || System.nanoTime() > deadline) {
                    throw new TimeoutException("no SCRAM login succeeded: " + e.getCause());
                }
            }
            Thread.sleep(100);
        }
    }

    /** Makes the broker's ACLs exactly {@code wanted}. */
    static void replaceAcls(Admin admin, Collection<AclBinding> wanted, Duration timeout) {
        try {
            Collection<AclBinding> existing =
                    admin.describeAcls(AclBindingFilter.ANY)
                            .values()
                            .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            List<AclBindingFilter> stale =
                    existing.stream()
                            .filter(b -> !wanted.contains(b))
                            .map(AclBinding::toFilter)
                            .toList();
            if (!stale.isEmpty()) {
                admin.deleteAcls(stale).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            }
            List<AclBinding> missing = wanted.stream().filter(b -> !existing.contains(b)).toList();
            if (!missing.isEmpty()) {
                admin.createAcls(missing).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not set the Kafka ACLs: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while setting the Kafka ACLs", e);
        }
    }
}
