/** HTTP calls between the suite's processes: one blocking exchange on kept-alive connections. */
package io.tlsuite.service.http;
