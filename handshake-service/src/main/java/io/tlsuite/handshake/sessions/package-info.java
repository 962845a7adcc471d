/** Registration of completed sessions in the session store, and closing them. */
package io.tlsuite.handshake.sessions;
