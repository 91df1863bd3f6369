package io.github.smartonkeycloak.demofhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;

import org.junit.jupiter.api.Test;

/** Where the server socket listens, read from the socket itself (no traffic beyond loopback). */
class DemoFhirServerBindTest {

    @Test
    void listensOnLoopbackOnlyByDefault() {
        try (DemoFhirServer server = DemoFhirServer.start(DemoFhirServerConfig.builder().port(0).patientCount(2).store(false)
                .build())) {
            InetSocketAddress bound = server.localAddress();

            assertThat(bound.getAddress().isLoopbackAddress()).as(bound.toString()).isTrue();
            assertThat(bound.getPort()).isEqualTo(server.port());
        }
    }

    @Test
    void hostWidensItToEveryInterface() {
        try (DemoFhirServer server = DemoFhirServer.start(DemoFhirServerConfig.builder().host("0.0.0.0").port(0).store(false)
                .patientCount(2).build())) {
            assertThat(server.localAddress().getAddress().isAnyLocalAddress()).isTrue();
        }
    }
}
