package io.tlsuite.kafka;

import io.tlsuite.events.Topics;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * Who may do what on the suite's broker: each service writes the one topic of its aggregate and
 * reads only what it consumes, with consumer groups under its own name; the operator reads
 * everything and writes nothing. A principal not in the table authenticates but may do nothing.
 *
 * <table>
 *   <caption>Grants</caption>
 *   <tr><th>principal</th><th>writes</th><th>reads</th><th>groups (prefix)</th></tr>
 *   <tr><td>certificate-authority</td><td>tls.certificates</td><td>-</td><td>-</td></tr>
 *   <tr><td>handshake-service</td><td>tls.handshakes</td><td>tls.certificates</td>
 *       <td>handshake-service-</td></tr>
 *   <tr><td>session-store</td><td>tls.sessions</td><td>tls.certificates</td>
 *       <td>session-store-</td></tr>
 *   <tr><td>client-agent</td><td>tls.agents</td><td>-</td><td>-</td></tr>
 *   <tr><td>event-dashboard</td><td>-</td><td>all four</td><td>event-dashboard-</td></tr>
 *   <tr><td>operator</td><td>-</td><td>all four</td><td>operator-</td></tr>
 * </table>
 */
public final class SuiteAcls {

    /** One principal's rights. */
    public record Grant(
            String principal, List<String> writes, List<String> reads, Optional<String> groups) {}

    public static final List<Grant> GRANTS =
            List.of(
                    new Grant(
                            "certificate-authority",
                            List.of(Topics.CERTIFICATES),
                            List.of(),
                            Optional.empty()),
                    new Grant(
                            "handshake-service",
                            List.of(Topics.HANDSHAKES),
                            List.of(Topics.CERTIFICATES),
                            Optional.of("handshake-service-")),
                    new Grant(
                            "session-store",
                            List.of(Topics.SESSIONS),
                            List.of(Topics.CERTIFICATES),
                            Optional.of("session-store-")),
                    new Grant("client-agent", List.of(Topics.AGENTS), List.of(), Optional.empty()),
                    new Grant(
                            "event-dashboard",
                            List.of(),
                            Topics.ALL,
                            Optional.of("event-dashboard-")),
                    new Grant("operator", List.of(), Topics.ALL, Optional.of("operator-")));

    private SuiteAcls() {}

    /** The principals the table knows, in its order. */
    public static List<String> principals() {
        return GRANTS.stream().map(Grant::principal).toList();
    }

    /** The ACLs of the principals in {@code users} (others in the table get none). */
    public static List<AclBinding> forUsers(Collection<String> users) {
        List<AclBinding> acls = new ArrayList<>();
        for (Grant g : GRANTS) {
            if (!users.contains(g.principal())) {
                continue;
            }
            String principal = "User:" + g.principal();
            for (String topic : g.writes()) {
                acls.add(
                        allow(
                                principal,
                                ResourceType.TOPIC,
                                topic,
                                PatternType.LITERAL,
                                AclOperation.WRITE));
            }
            for (String topic : g.reads()) {
                acls.add(
                        allow(
                                principal,
                                ResourceType.TOPIC,
                                topic,
                                PatternType.LITERAL,
                                AclOperation.READ));
                acls.add(
                        allow(
                                principal,
                                ResourceType.TOPIC,
                                topic,
                                PatternType.LITERAL,
                                AclOperation.DESCRIBE));
            }
            g.groups()
                    .ifPresent(
                            prefix ->
                                    acls.add(
                                            allow(
                                                    principal,
                                                    ResourceType.GROUP,
                                                    prefix,
                                                    PatternType.PREFIXED,
                                                    AclOperation.READ)));
        }
        return List.copyOf(acls);
    }

    private static AclBinding allow(
            String principal,
            ResourceType type,
            String name,
            PatternType pattern,
            AclOperation operation) {
        return new AclBinding(
                new ResourcePattern(type, name, pattern),
                new AccessControlEntry(principal, "*", operation, AclPermissionType.ALLOW));
    }
}
