package org.swisscheese.tracker.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureTestRestTemplate;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.swisscheese.tracker.api.Report;
import org.swisscheese.tracker.api.SystemId;
import org.swisscheese.tracker.domain.ReportType;
import org.swisscheese.tracker.ingest.BarrierEventFormat;

/**
 * The production profile for real: PostgreSQL, Kafka, no built-in accounts, and bearer tokens signed with keys made
 * here and published on a JWKS endpoint served from this test, as an identity provider would.
 */
@AutoConfigureTestRestTemplate
@SpringBootTest(
        classes = TrackerServer.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"tracker.ingest.max-report-age=P36500D", "db-scheduler.polling-interval=1s"})
@ActiveProfiles("prod")
@EmbeddedKafka(partitions = 2, bootstrapServersProperty = "tracker.test.kafka")
class ProductionTokensIT {

    static final String ISSUER = "https://login.example.test/tracker";
    static final RSAKey KEY = generate();
    static final RSAKey STRANGER = generate();
    static HttpServer identityProvider;

    static RSAKey generate() {
        try {
            return new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void production(DynamicPropertyRegistry registry) throws Exception {
        identityProvider = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        byte[] jwks = new JWKSet(KEY.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        identityProvider.createContext("/jwks", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, jwks.length);
            exchange.getResponseBody().write(jwks);
            exchange.close();
        });
        identityProvider.start();
        PostgresSchema.register(registry);
        registry.add("spring.kafka.bootstrap-servers", () -> System.getProperty("tracker.test.kafka"));
        registry.add("tracker.security.jwt.issuer", () -> ISSUER);
        registry.add(
                "tracker.security.jwt.jwk-set-uri",
                () -> "http://127.0.0.1:" + identityProvider.getAddress().getPort() + "/jwks");
        registry.add("tracker.ingest.replicas", () -> "1");
        registry.add("tracker.ingest.partitions", () -> "2");
    }

    @AfterAll
    static void stop() {
        identityProvider.stop(0);
    }

    @Autowired
    TestRestTemplate http;

    @Autowired
    com.fasterxml.jackson.databind.ObjectMapper mapper;

    static String token(RSAKey key, String audience, Instant expires, List<String> roles, List<String> systems) {
        try {
            JWTClaimsSet claims = new JWTClaimsSet.Builder()
                    .issuer(ISSUER)
                    .subject("user-" + roles)
                    .audience(audience)
                    .issueTime(new Date())
                    .expirationTime(Date.from(expires))
                    .claim("roles", roles)
                    .claim("systems", systems)
                    .build();
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.RS256)
                            .keyID(key.getKeyID())
                            .type(JOSEObjectType.JWT)
                            .build(),
                    claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String as(String... roles) {
        return token(KEY, "barrier-tracker", Instant.now().plus(Duration.ofMinutes(5)), List.of(roles), List.of());
    }

    private ResponseEntity<String> call(HttpMethod method, String path, String token, String body) {
        HttpHeaders headers = new HttpHeaders();
        if (token != null) {
            headers.setBearerAuth(token);
        }
        headers.setContentType(MediaType.APPLICATION_JSON);
        return http.exchange(path, method, new HttpEntity<>(body, headers), String.class);
    }

    private String register(String token) {
        String id = "jwt-" + UUID.randomUUID().toString().substring(0, 8);
        ResponseEntity<String> created = call(
                HttpMethod.POST,
                "/api/systems",
                token,
                "{\"id\":\"" + id + "\",\"kind\":\"LANGUAGE_MODEL\",\"template\":\"LANGUAGE_MODEL\"}");
        assertThat(created.getStatusCode()).as(created.getBody()).isEqualTo(HttpStatus.CREATED);
        return id;
    }

    private String event(String system) throws Exception {
        Instant now = Instant.now();
        return new String(
                BarrierEventFormat.toBytes(
                        mapper,
                        SystemId.of(system),
                        new Report(
                                UUID.randomUUID().toString(),
                                ReportType.TRIPPED,
                                "deployment-gate",
                                null,
                                now,
                                now,
                                "/jwt",
                                null,
                                Map.of(),
                                null,
                                null,
                                null)),
                StandardCharsets.UTF_8);
    }

    @Test
    void eachRoleDoesWhatItMayAndNothingElse() {
        String system = register(as("ADMIN"));
        assertThat(call(HttpMethod.GET, "/api/board", as("OPERATOR"), null).getStatusCode())
                .isEqualTo(HttpStatus.OK);
        assertThat(call(HttpMethod.POST, "/api/systems/" + system + "/deploy", as("OPERATOR"), null)
                        .getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(call(HttpMethod.GET, "/api/statistics/barriers", as("MANAGER"), null)
                        .getStatusCode())
                .isEqualTo(HttpStatus.OK);
        assertThat(call(HttpMethod.POST, "/api/systems/" + system + "/suspend", as("MANAGER"), null)
                        .getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        // the analyst may resolve: refused only because there is no such incident
        assertThat(call(
                                HttpMethod.POST,
                                "/api/incidents/" + system + ".9/resolve",
                                as("ANALYST"),
                                "{\"summary\":\"x\"}")
                        .getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(call(HttpMethod.POST, "/api/systems", as("ANALYST"), "{}").getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(call(HttpMethod.GET, "/actuator/health", null, null).getStatusCode())
                .isEqualTo(HttpStatus.OK);
    }

    @Test
    void anIngestPrincipalReportsOnlyForItsSystemsAndReadsNothing() throws Exception {
        String mine = register(as("ADMIN"));
        String other = register(as("ADMIN"));
        String ingest = token(
                KEY, "barrier-tracker", Instant.now().plus(Duration.ofMinutes(5)), List.of("INGEST"), List.of(mine));
        assertThat(call(HttpMethod.POST, "/api/ingest", ingest, event(mine)).getStatusCode())
                .isEqualTo(HttpStatus.ACCEPTED);
        ResponseEntity<String> refused = call(HttpMethod.POST, "/api/ingest", ingest, event(other));
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
        assertThat(refused.getBody()).contains("may not report for system '" + other + "'");
        assertThat(call(HttpMethod.GET, "/api/incidents", ingest, null).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(call(HttpMethod.GET, "/api/systems/" + mine, ingest, null).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
    }

    @Test
    void expiredForeignAndMisaddressedTokensAreRefused() {
        Instant later = Instant.now().plus(Duration.ofMinutes(5));
        assertThat(call(
                                HttpMethod.GET,
                                "/api/board",
                                token(
                                        KEY,
                                        "barrier-tracker",
                                        Instant.now().minus(Duration.ofMinutes(10)),
                                        List.of("ADMIN"),
                                        List.of()),
                                null)
                        .getStatusCode())
                .as("expired")
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(call(
                                HttpMethod.GET,
                                "/api/board",
                                token(STRANGER, "barrier-tracker", later, List.of("ADMIN"), List.of()),
                                null)
                        .getStatusCode())
                .as("signed by another key")
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(call(
                                HttpMethod.GET,
                                "/api/board",
                                token(KEY, "some-other-service", later, List.of("ADMIN"), List.of()),
                                null)
                        .getStatusCode())
                .as("another audience")
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(call(HttpMethod.GET, "/api/board", null, null).getStatusCode())
                .as("no token")
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(call(HttpMethod.GET, "/api/board", "not.a.token", null).getStatusCode())
                .as("garbage")
                .isEqualTo(HttpStatus.UNAUTHORIZED);
    }
}
