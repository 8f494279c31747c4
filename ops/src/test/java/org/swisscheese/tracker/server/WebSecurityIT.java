package org.swisscheese.tracker.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** The web-facing defences of the local run, over the real server. */
class WebSecurityIT extends RealBrokerAndDatabase {

    @Autowired
    TestRestTemplate http;

    @LocalServerPort
    int port;

    private HttpResponse<String> post(String path, String user, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .POST(HttpRequest.BodyPublishers.noBody())
                .header(
                        "Authorization",
                        "Basic "
                                + Base64.getEncoder()
                                        .encodeToString((user + ":tracker").getBytes(StandardCharsets.UTF_8)));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String registered() {
        String id = "sec-" + UUID.randomUUID().toString().substring(0, 8);
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        assertThat(http.withBasicAuth("admin", "tracker")
                        .postForEntity(
                                "/api/systems",
                                new HttpEntity<>(
                                        "{\"id\":\"" + id + "\",\"kind\":\"OTHER\",\"template\":\"OTHER\"}", headers),
                                String.class)
                        .getStatusCode())
                .isEqualTo(HttpStatus.CREATED);
        return id;
    }

    @Test
    void aBodyLessPostThatAnotherSiteMadeTheBrowserSendIsRefusedEvenWithCachedCredentials() throws Exception {
        String system = registered();
        assertThat(post("/api/systems/" + system + "/deploy", "operator", "Sec-Fetch-Site", "cross-site")
                        .statusCode())
                .isEqualTo(403);
        assertThat(post("/api/systems/" + system + "/deploy", "operator", "Origin", "https://evil.example")
                        .statusCode())
                .isEqualTo(403);
        // the web app itself (same origin) and scripts (no browser headers) are not affected
        assertThat(post(
                                "/api/systems/" + system + "/deploy",
                                "operator",
                                "Sec-Fetch-Site",
                                "same-origin",
                                "Origin",
                                "http://127.0.0.1:" + port)
                        .statusCode())
                .isEqualTo(204);
        assertThat(post("/api/systems/" + system + "/suspend", "operator").statusCode())
                .isEqualTo(204);
    }

    @Test
    void theWebAppAndTheApiCarryAContentSecurityPolicy() {
        ResponseEntity<String> page = http.getForEntity("/", String.class);
        assertThat(page.getHeaders().getFirst("Content-Security-Policy"))
                .contains("default-src 'self'", "script-src 'self'", "frame-ancestors 'none'");
        assertThat(http.withBasicAuth("operator", "tracker")
                        .getForEntity("/api/board", String.class)
                        .getHeaders()
                        .getFirst("Content-Security-Policy"))
                .isNotNull();
    }

    @Test
    void healthAnswersEvenWithWrongCredentials() {
        assertThat(http.withBasicAuth("operator", "wrong")
                        .getForEntity("/actuator/health", String.class)
                        .getStatusCode())
                .isEqualTo(HttpStatus.OK);
        assertThat(http.getForEntity("/actuator/health", String.class).getStatusCode())
                .isEqualTo(HttpStatus.OK);
        assertThat(http.getForEntity("/api/board", String.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void anIngestPrincipalReadsNothing() {
        TestRestTemplate ingest = http.withBasicAuth("ingest", "tracker");
        for (String path : new String[] {
            "/api/board", "/api/incidents", "/api/systems", "/api/statistics/barriers", "/api/dead-letters"
        }) {
            assertThat(ingest.getForEntity(path, String.class).getStatusCode())
                    .as(path)
                    .isEqualTo(HttpStatus.FORBIDDEN);
        }
        assertThat(ingest.getForEntity("/api/me", String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
    }
}
