/**
 * Test support shared by the services: a topic reader, the foundation contract every service
 * passes, and the architecture rules every service keeps. Test scope only.
 */
package io.tlsuite.service.testing;
