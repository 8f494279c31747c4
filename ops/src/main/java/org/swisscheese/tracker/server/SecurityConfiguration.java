package org.swisscheese.tracker.server;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.DelegatingAuthenticationEntryPoint;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.authentication.www.BasicAuthenticationEntryPoint;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.util.matcher.RequestHeaderRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.swisscheese.tracker.ingest.IngestScope;

/**
 * Every endpoint but health needs a signed-in user. Roles: OPERATOR, ANALYST, MANAGER, ADMIN read; INGEST (HTTP
 * producers) may only report, and only for the systems it is allowed ({@link IngestScope}). The local run has
 * built-in accounts (one per role, password {@code tracker.security.password}); production has none and accepts JWTs
 * (signature from the issuer's keys, issuer and audience checked) whose {@code roles} claim carries the roles and
 * whose {@code systems} claim the systems an INGEST principal may report for.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
@EnableConfigurationProperties(TrackerSecurityProperties.class)
public class SecurityConfiguration {

    static final List<String> LOCAL_ACCOUNTS = List.of("operator", "analyst", "manager", "admin", "ingest");
    static final String[] READERS = {"OPERATOR", "ANALYST", "MANAGER", "ADMIN"};

    /**
     * The web app's own policy: scripts, styles, data and connections from this origin only (its charts draw on
     * canvas; React sets styles through the DOM), no framing, no plug-ins.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self';"
            + " img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self';"
            + " form-action 'self'; frame-ancestors 'none'";

    /**
     * The overall health and the probes answer everyone, whatever credentials they send (or mistype): probes must
     * never get a 401. One component's details (/actuator/health/ingest, /db, ...) are for operators and admins,
     * through the API chain.
     */
    @Bean
    @Order(0)
    SecurityFilterChain health(HttpSecurity http) throws Exception {
        http.securityMatcher("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness")
                .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
                .csrf(csrf -> csrf.disable())
                .requestCache(cache -> cache.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
        return http.build();
    }

    @Bean
    @Order(1)
    SecurityFilterChain api(HttpSecurity http, ObjectProvider<UserDetailsService> localAccounts) throws Exception {
        http.authorizeHttpRequests(auth -> auth.requestMatchers("/", "/index.html", "/assets/**", "/favicon.svg")
                        .permitAll()
                        .requestMatchers(HttpMethod.POST, "/api/ingest")
                        .hasAnyRole("INGEST", "ADMIN")
                        .requestMatchers(HttpMethod.POST, "/api/systems")
                        .hasRole("ADMIN")
                        .requestMatchers(HttpMethod.PUT, "/api/systems/*/bowtie", "/api/systems/*/risk-profile")
                        .hasRole("ADMIN")
                        .requestMatchers(HttpMethod.POST, "/api/systems/*/what-if")
                        .hasAnyRole("ANALYST", "MANAGER", "ADMIN")
                        .requestMatchers(HttpMethod.POST, "/api/systems/*/class-change/acknowledge")
                        .hasAnyRole("OPERATOR", "MANAGER", "ADMIN")
                        .requestMatchers(HttpMethod.POST, "/api/systems/*/*", "/api/systems/*/barriers/*/restore")
                        .hasAnyRole("OPERATOR", "ADMIN")
                        .requestMatchers(
                                HttpMethod.POST,
                                "/api/incidents/*/resolve",
                                "/api/incidents/*/reports/*/reclassify",
                                "/api/incidents/*/serious-incident",
                                "/api/incidents/*/serious-incident/report")
                        .hasAnyRole("ANALYST", "ADMIN")
                        .requestMatchers(HttpMethod.PUT, "/api/systems/*/high-risk")
                        .hasRole("ADMIN")
                        // incident response: those who work incidents act on them; managers read, ingest reports
                        .requestMatchers(
                                HttpMethod.POST,
                                "/api/incidents/*/acknowledge",
                                "/api/incidents/*/assign",
                                "/api/incidents/*/unassign",
                                "/api/incidents/*/severity",
                                "/api/incidents/*/notes",
                                "/api/incidents/*/not-an-incident",
                                "/api/incidents/*/merge",
                                "/api/incidents/*/split",
                                "/api/incidents/*/actions")
                        .hasAnyRole("OPERATOR", "ANALYST", "ADMIN")
                        .requestMatchers(HttpMethod.PATCH, "/api/incidents/*/actions/*")
                        .hasAnyRole("OPERATOR", "ANALYST", "ADMIN")
                        // alerting: admins change routes and retry failed deliveries; operators and admins read it
                        // and silence alerts (a maintenance window is the on-call's business)
                        .requestMatchers(HttpMethod.POST, "/api/alerting/silences", "/api/alerting/silences/*/expire")
                        .hasAnyRole("OPERATOR", "ADMIN")
                        .requestMatchers(HttpMethod.GET, "/api/alerting/**")
                        .hasAnyRole("OPERATOR", "ADMIN")
                        .requestMatchers("/api/alerting/**")
                        .hasRole("ADMIN")
                        .requestMatchers(HttpMethod.GET, "/api/dead-letters")
                        .hasAnyRole("OPERATOR", "ADMIN")
                        .requestMatchers(HttpMethod.GET, "/api/systems/*/integrity")
                        .hasAnyRole("OPERATOR", "ANALYST", "MANAGER", "ADMIN")
                        .requestMatchers("/api/admin/**", "/api/dead-letters/**")
                        .hasRole("ADMIN")
                        .requestMatchers("/actuator/**")
                        .hasAnyRole("ADMIN", "OPERATOR")
                        .requestMatchers("/api/me")
                        .authenticated()
                        // an ingest principal reports; it reads nothing
                        .anyRequest()
                        .hasAnyRole(READERS))
                // no cookies and no sessions: Basic or bearer on every request. A browser with cached Basic
                // credentials could still be made to send them cross-site: CrossSiteRequests refuses that.
                .csrf(csrf -> csrf.disable())
                .addFilterBefore(new CrossSiteRequests(), BasicAuthenticationFilter.class)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER)));
        if (localAccounts.getIfAvailable() != null) {
            // scripts get the Basic challenge; the web app (X-Requested-With) gets a plain 401, so the browser
            // shows the app's own sign-in error instead of its native password dialog
            LinkedHashMap<RequestMatcher, AuthenticationEntryPoint> entryPoints = new LinkedHashMap<>();
            entryPoints.put(
                    new RequestHeaderRequestMatcher("X-Requested-With", "XMLHttpRequest"),
                    new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED));
            DelegatingAuthenticationEntryPoint entryPoint = new DelegatingAuthenticationEntryPoint(entryPoints);
            BasicAuthenticationEntryPoint challenge = new BasicAuthenticationEntryPoint();
            challenge.setRealmName("barrier-tracker");
            entryPoint.setDefaultEntryPoint(challenge);
            http.httpBasic(basic -> basic.authenticationEntryPoint(entryPoint))
                    .exceptionHandling(e -> e.authenticationEntryPoint(entryPoint));
        } else {
            JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
            converter.setJwtGrantedAuthoritiesConverter(SecurityConfiguration::authorities);
            http.oauth2ResourceServer(o -> o.jwt(jwt -> jwt.jwtAuthenticationConverter(converter)));
        }
        return http.build();
    }

    /** {@code roles} claim → ROLE_x; {@code systems} claim → what an ingest principal may report for. */
    static Collection<GrantedAuthority> authorities(Jwt jwt) {
        List<GrantedAuthority> authorities = new ArrayList<>();
        List<String> roles = jwt.getClaimAsStringList("roles");
        if (roles != null) {
            roles.forEach(r -> authorities.add(new SimpleGrantedAuthority("ROLE_" + r)));
        }
        List<String> systems = jwt.getClaimAsStringList("systems");
        if (systems != null) {
            systems.forEach(s -> authorities.add(IngestScope.authority(s)));
        }
        return authorities;
    }

    /** Signed by the issuer's keys, from that issuer, for this audience, not expired. */
    @Bean
    @ConditionalOnProperty(name = "tracker.security.local-accounts", havingValue = "false", matchIfMissing = true)
    JwtDecoder jwtDecoder(TrackerSecurityProperties properties) {
        NimbusJwtDecoder decoder =
                NimbusJwtDecoder.withJwkSetUri(properties.jwt().jwkSetUri()).build();
        OAuth2TokenValidator<Jwt> audience = token -> token.getAudience() != null
                        && token.getAudience().contains(properties.jwt().audience())
                ? OAuth2TokenValidatorResult.success()
                : OAuth2TokenValidatorResult.failure(new OAuth2Error(
                        "invalid_token",
                        "the token is not for audience '" + properties.jwt().audience() + "'",
                        null));
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                JwtValidators.createDefaultWithIssuer(properties.jwt().issuer()), audience));
        return decoder;
    }

    /** bcrypt, with what was just verified remembered for a few minutes: Basic credentials come with every request. */
    @Bean
    @ConditionalOnProperty(name = "tracker.security.local-accounts", havingValue = "true")
    PasswordEncoder localPasswordEncoder() {
        return new RememberedPasswords(
                PasswordEncoderFactories.createDelegatingPasswordEncoder(), Duration.ofMinutes(5), 1_000);
    }

    @Bean
    @ConditionalOnProperty(name = "tracker.security.local-accounts", havingValue = "true")
    UserDetailsService localAccounts(TrackerSecurityProperties properties, PasswordEncoder encoder) {
        InMemoryUserDetailsManager users = new InMemoryUserDetailsManager();
        for (String name : LOCAL_ACCOUNTS) {
            List<GrantedAuthority> authorities = new ArrayList<>();
            authorities.add(new SimpleGrantedAuthority("ROLE_" + name.toUpperCase()));
            if (name.equals("ingest")) {
                properties.ingestSystems().forEach(s -> authorities.add(IngestScope.authority(s)));
            }
            users.createUser(User.withUsername(name)
                    .password(encoder.encode(properties.password()))
                    .authorities(authorities)
                    .build());
        }
        return users;
    }
}
