/**
 * The session store: live sessions and their keys, tickets and engine states, in memory or Redis.
 */
package io.tlsuite.sessionstore;
