/**
 * What an engine is configured with: {@link io.tlsuite.protocol.config.TlsConfig} and what it holds
 * (identities, client authentication, the event listener, the key log). Below the state machines,
 * which read it; depends on {@code crypto}, {@code message}, {@code cert}, {@code resumption},
 * {@code codec}, {@code alert}.
 */
package io.tlsuite.protocol.config;
