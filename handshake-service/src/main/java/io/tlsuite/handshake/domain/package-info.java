/**
 * Handshakes and sessions driven over REST: the engines of the server role, their steps, tickets
 * and the decoded views of messages.
 */
package io.tlsuite.handshake.domain;
