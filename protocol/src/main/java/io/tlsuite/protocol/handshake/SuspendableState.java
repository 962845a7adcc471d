package io.tlsuite.protocol.handshake;

/**
 * A state in which an engine can be suspended and resumed elsewhere (another replica of a stateless
 * service): the state is fully described by a kind and a few parameter bytes, the rest lives in the
 * {@link HandshakeContext}.
 */
public interface SuspendableState extends State {
    int SERVER_EXPECT_SECOND_CLIENT_HELLO = 1;
    int SERVER_EXPECT_CLIENT_CERTIFICATE = 2;
    int SERVER_EXPECT_CLIENT_FINISHED = 3;
    int SERVER_CONNECTED = 4;
    int CLIENT_CONNECTED = 5;
    int TLS12_SERVER_EXPECT_CLIENT_CERTIFICATE = 6;
    int TLS12_SERVER_EXPECT_CLIENT_KEY_EXCHANGE = 7;
    int TLS12_SERVER_EXPECT_RESUMED_CLIENT_FINISHED = 8;
    int TLS12_CONNECTED = 9;

    int kind();

    /**
     * State parameters. No secret in TLS 1.3; a TLS 1.2 server waiting for the ClientKeyExchange
     * keeps its ephemeral ECDH private key here (the snapshot is secret as a whole).
     */
    default byte[] parameters() {
        return new byte[0];
    }
}
