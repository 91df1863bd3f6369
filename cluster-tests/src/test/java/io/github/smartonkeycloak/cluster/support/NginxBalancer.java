package io.github.smartonkeycloak.cluster.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * nginx (Debian) in front of both nodes with docker/cluster/nginx.conf.template, its placeholders filled in as
 * demo-cluster.sh fills them, on free ports, with a self-signed certificate for localhost.
 */
final class NginxBalancer {

    private final Path prefix;
    private final int httpPort = Ports.free();
    private final int httpsPort = Ports.free();
    private Process process;

    NginxBalancer(Path folder) {
        this.prefix = folder.resolve("nginx");
    }

    void start(Path template, KeycloakNode node1, KeycloakNode node2) {
        try {
            Processes.run(List.of("rm", "-rf", prefix.toString()), Map.of(), Duration.ofSeconds(30));
            Files.createDirectories(prefix);
            Path cert = prefix.resolve("localhost.crt");
            Path key = prefix.resolve("localhost.key");
            Processes.run(List.of("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "7",
                    "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
                    "-keyout", key.toString(), "-out", cert.toString()), Map.of(), Duration.ofSeconds(60));
            String conf = Files.readString(template)
                    .replace("@PREFIX@", prefix.toString())
                    .replace("@HTTP_PORT@", String.valueOf(httpPort))
                    .replace("@HTTPS_PORT@", String.valueOf(httpsPort))
                    .replace("@NODE1@", "127.0.0.1:" + node1.httpPort())
                    .replace("@NODE2@", "127.0.0.1:" + node2.httpPort())
                    .replace("@CERT@", cert.toString())
                    .replace("@KEY@", key.toString());
            Path confFile = prefix.resolve("nginx.conf");
            Files.writeString(confFile, conf);
            String nginx = Files.exists(Path.of("/usr/sbin/nginx")) ? "/usr/sbin/nginx" : "nginx";
            process = Processes.start(List.of(nginx, "-c", confFile.toString(), "-p", prefix.toString(), "-g",
                    "daemon off;"), Map.of(), prefix.getParent().resolve("nginx.out"));
            Processes.awaitHttpOk("nginx", httpUrl() + "/realms/smart/.well-known/smart-configuration", process,
                    prefix.resolve("error.log"), Duration.ofSeconds(60));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String httpUrl() {
        return "http://localhost:" + httpPort;
    }

    String httpsUrl() {
        return "https://localhost:" + httpsPort;
    }

    int httpPort() {
        return httpPort;
    }

    Path certificate() {
        return prefix.resolve("localhost.crt");
    }

    Path accessLog() {
        return prefix.resolve("access.log");
    }

    void stop() {
        Processes.stop(process);
    }
}
