/** Events of {@code tls.agents}, keyed by run id: what the client agent did and checked. */
package io.tlsuite.events.agent;
