package io.github.smartonkeycloak.it.launch;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.HttpCookie;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * A browser that speaks HTTP/1.0 over a plain socket, so a request can carry any {@code Host} header (Java's HTTP
 * client refuses to set one), with the cookies Keycloak set (Secure ones too, as browsers do on localhost). It walks
 * Keycloak's login form and redirects on Keycloak's own host; everything else the test does itself.
 */
final class RawBrowser {

    record Response(int status, Map<String, String> headers, String body, String url) {

        Optional<String> header(String name) {
            return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
        }

        Document html() {
            return Jsoup.parse(body, url);
        }

        /** The page's {@code data-smart-page} hook, or null for Keycloak's own pages. */
        String smartPage() {
            Element hooked = html().selectFirst("[data-smart-page]");
            return hooked == null ? null : hooked.attr("data-smart-page");
        }

        List<String> all(String attribute) {
            return html().select("[" + attribute + "]").eachAttr(attribute);
        }
    }

    private final Map<String, String> cookies = new LinkedHashMap<>();

    Response get(String url, String... headers) {
        return send("GET", url, null, headers);
    }

    /** Posts a form of the page (by CSS selector): its hidden fields, except those the given fields replace. */
    Response submit(Response page, String formSelector, List<Map.Entry<String, String>> fields, String... headers) {
        Element form = page.html().selectFirst(formSelector);
        if (form == null) {
            throw new AssertionError("No form " + formSelector + " on HTTP " + page.status() + " " + page.body());
        }
        List<Map.Entry<String, String>> all = new ArrayList<>();
        for (Element hidden : form.select("input[type=hidden]")) {
            if (fields.stream().noneMatch(field -> field.getKey().equals(hidden.attr("name")))) {
                all.add(Map.entry(hidden.attr("name"), hidden.attr("value")));
            }
        }
        all.addAll(fields);
        String encoded = String.join("&", all.stream().map(field -> URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8)
                + "=" + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8)).toList());
        return send("POST", form.absUrl("action"), encoded, headers);
    }

    /** Follows redirects that stay on Keycloak's host, and signs in when Keycloak asks. */
    Response signIn(Response response, String keycloakOrigin, String username, String password) {
        Response current = response;
        for (int hop = 0; hop < 10; hop++) {
            Optional<String> location = current.header("Location");
            if (current.status() / 100 == 3 && location.isPresent() && location.get().startsWith(keycloakOrigin)) {
                current = get(location.get());
            } else if (current.status() == 200 && current.html().getElementById("kc-form-login") != null) {
                current = submit(current, "#kc-form-login", List.of(Map.entry("username", username),
                        Map.entry("password", password), Map.entry("credentialId", "")));
            } else {
                return current;
            }
        }
        throw new AssertionError("Too many hops; last: HTTP " + current.status());
    }

    private Response send(String method, String url, String form, String... headers) {
        URI uri = URI.create(url);
        Map<String, String> requestHeaders = new LinkedHashMap<>();
        requestHeaders.put("Host", uri.getHost() + ":" + uri.getPort());
        if (!cookies.isEmpty()) {
            requestHeaders.put("Cookie", String.join("; ", cookies.entrySet().stream().map(c -> c.getKey() + "=" + c.getValue()).toList()));
        }
        byte[] body = form == null ? new byte[0] : form.getBytes(StandardCharsets.UTF_8);
        if (form != null) {
            requestHeaders.put("Content-Type", "application/x-www-form-urlencoded");
            requestHeaders.put("Content-Length", String.valueOf(body.length));
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            requestHeaders.put(headers[i], headers[i + 1]);
        }
        String target = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        StringBuilder head = new StringBuilder(method + " " + target + " HTTP/1.0\r\n");
        requestHeaders.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        head.append("\r\n");
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            return read(socket.getInputStream(), url);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Response read(InputStream in, String url) throws IOException {
        byte[] all = in.readAllBytes();
        String raw = new String(all, StandardCharsets.ISO_8859_1);
        int end = raw.indexOf("\r\n\r\n");
        String[] lines = raw.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            String name = lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = lines[i].substring(colon + 1).trim();
            if (name.equals("set-cookie")) {
                keep(value);
            }
            headers.merge(name, value, (first, second) -> first);
        }
        byte[] content = java.util.Arrays.copyOfRange(all, end + 4, all.length);
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            content = unchunk(content);
        }
        return new Response(status, headers, new String(content, StandardCharsets.UTF_8), url);
    }

    private void keep(String setCookie) {
        for (HttpCookie cookie : HttpCookie.parse(setCookie)) {
            if (cookie.getMaxAge() == 0) {
                cookies.remove(cookie.getName());
            } else {
                cookies.put(cookie.getName(), cookie.getValue());
            }
        }
    }

    private static byte[] unchunk(byte[] chunked) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = 0;
        while (true) {
            int lineEnd = indexOfCrlf(chunked, at);
            int size = Integer.parseInt(new String(chunked, at, lineEnd - at, StandardCharsets.US_ASCII).split(";")[0].trim(), 16);
            if (size == 0) {
                return out.toByteArray();
            }
            out.write(chunked, lineEnd + 2, size);
            at = lineEnd + 2 + size + 2;
        }
    }

    private static int indexOfCrlf(byte[] bytes, int from) {
        for (int i = from; i + 1 < bytes.length; i++) {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n') {
                return i;
            }
        }
        throw new IllegalStateException("Malformed chunked body");
    }
}
