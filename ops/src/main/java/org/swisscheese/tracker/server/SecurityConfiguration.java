package org.swisscheese.tracker.server;

import java.util.LinkedHashMap;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.authentication.DelegatingAuthenticationEntryPoint;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.authentication.www.BasicAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.RequestHeaderRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Every endpoint but health needs a signed-in user. Roles: OPERATOR, ANALYST, MANAGER, ADMIN, and INGEST for HTTP
 * producers. The local run has built-in accounts (one per role, password {@code tracker.security.password});
 * production has none and accepts JWTs whose {@code roles} claim carries the roles.
 */
@Configuration(proxyBeanMethods = false)
@org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication
public class SecurityConfiguration {

    static final List<String> LOCAL_ACCOUNTS = List.of("operator", "analyst", "manager", "admin", "ingest");

    @Bean
    SecurityFilterChain api(HttpSecurity http, ObjectProvider<UserDetailsService> localAccounts) throws Exception {
        http.authorizeHttpRequests(auth -> auth
                        .requestMatchers("/actuator/health/**", "/actuator/health").permitAll()
                        .requestMatchers("/", "/index.html", "/assets/**", "/favicon.svg").permitAll()
                        .requestMatchers(HttpMethod.POST, "/api/ingest").hasAnyRole("INGEST", "ADMIN")
                        .requestMatchers(HttpMethod.POST, "/api/systems").hasRole("ADMIN")
                        .requestMatchers(HttpMethod.PUT, "/api/systems/*/bowtie", "/api/systems/*/risk-profile")
                        .hasRole("ADMIN")
                        .requestMatchers(HttpMethod.POST, "/api/systems/*/what-if").hasAnyRole("ANALYST", "MANAGER",
                                "ADMIN")
                        .requestMatchers(HttpMethod.POST, "/api/systems/*/class-change/acknowledge")
                        .hasAnyRole("OPERATOR", "MANAGER", "ADMIN")
                        .requestMatchers(HttpMethod.POST, "/api/systems/*/*", "/api/systems/*/barriers/*/restore")
                        .hasAnyRole("OPERATOR", "ADMIN")
                        .requestMatchers(HttpMethod.POST, "/api/incidents/*/resolve").hasAnyRole("ANALYST", "ADMIN")
                        .requestMatchers(HttpMethod.GET, "/api/dead-letters").hasAnyRole("OPERATOR", "ADMIN")
                        .requestMatchers(HttpMethod.GET, "/api/systems/*/integrity").hasAnyRole("OPERATOR", "ANALYST",
                                "MANAGER", "ADMIN")
                        .requestMatchers("/api/admin/**", "/api/dead-letters/**").hasRole("ADMIN")
                        .requestMatchers("/actuator/**").hasAnyRole("ADMIN", "OPERATOR")
                        .anyRequest().authenticated())
                // a stateless API for scripts and the web app alike; no cookies, so no CSRF to defend
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(
                        org.springframework.security.config.http.SessionCreationPolicy.STATELESS));
        if (localAccounts.getIfAvailable() != null) {
            // scripts get the Basic challenge; the web app (X-Requested-With) gets a plain 401, so the browser
            // shows the app's own sign-in error instead of its native password dialog
            LinkedHashMap<RequestMatcher, AuthenticationEntryPoint> entryPoints = new LinkedHashMap<>();
            entryPoints.put(new RequestHeaderRequestMatcher("X-Requested-With", "XMLHttpRequest"),
                    new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED));
            DelegatingAuthenticationEntryPoint entryPoint = new DelegatingAuthenticationEntryPoint(entryPoints);
            BasicAuthenticationEntryPoint challenge = new BasicAuthenticationEntryPoint();
            challenge.setRealmName("barrier-tracker");
            entryPoint.setDefaultEntryPoint(challenge);
            http.httpBasic(basic -> basic.authenticationEntryPoint(entryPoint))
                    .exceptionHandling(e -> e.authenticationEntryPoint(entryPoint));
        } else {
            JwtGrantedAuthoritiesConverter roles = new JwtGrantedAuthoritiesConverter();
            roles.setAuthoritiesClaimName("roles");
            roles.setAuthorityPrefix("ROLE_");
            JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
            converter.setJwtGrantedAuthoritiesConverter(roles);
            http.oauth2ResourceServer(o -> o.jwt(jwt -> jwt.jwtAuthenticationConverter(converter)));
        }
        return http.build();
    }

    @Bean
    @ConditionalOnProperty(name = "tracker.security.local-accounts", havingValue = "true")
    UserDetailsService localAccounts(
            @org.springframework.beans.factory.annotation.Value("${tracker.security.password:tracker}") String pw) {
        PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
        InMemoryUserDetailsManager users = new InMemoryUserDetailsManager();
        for (String name : LOCAL_ACCOUNTS) {
            users.createUser(User.withUsername(name).password(encoder.encode(pw)).roles(name.toUpperCase()).build());
        }
        return users;
    }
}
