package io.tandem.platform.security;

import com.nimbusds.jose.jwk.source.ImmutableSecret;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpMethod;
import org.springframework.security.authorization.AuthorityAuthorizationManager;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

import javax.crypto.SecretKey;
import javax.sql.DataSource;

/**
 * Every side validates the same access tokens with Spring Security's resource server, refusing those whose user's
 * sessions were ended since ({@link SessionGenerations}); only the command side issues them. Anything not listed
 * as public needs a token, and {@code /api/admin/**} needs the ADMIN role unless a
 * module's {@link AccessRules} say otherwise for its own paths.
 */
@AutoConfiguration
@EnableWebSecurity
@EnableConfigurationProperties({JwtProperties.class, PublicPathsProperties.class, SessionProperties.class})
public class SecurityConfiguration {

    public static final String ROLES_CLAIM = "roles";

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http, ProblemSecurityHandler problems,
                                    PublicPathsProperties publicPaths, ObjectProvider<AccessRules> moduleRules)
            throws Exception {
        http.csrf(csrf -> csrf.disable())
            .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
            .authorizeHttpRequests(requests -> {
                requests.requestMatchers(HttpMethod.OPTIONS, "/**").permitAll()
                        .requestMatchers(publicPaths.publicPaths().toArray(String[]::new)).permitAll()
                        .requestMatchers(PublicPathsProperties.API_DOCS).access(publicOrAdmin(publicPaths.publicApiDocs()))
                        .requestMatchers(PublicPathsProperties.METRICS).access(publicOrAdmin(publicPaths.publicMetrics()));
                moduleRules.orderedStream().forEach(rules -> rules.apply(requests));
                requests.requestMatchers("/api/admin/**").hasRole("ADMIN")
                        .anyRequest().authenticated();
            })
            .oauth2ResourceServer(resourceServer -> resourceServer
                    .jwt(jwt -> jwt.jwtAuthenticationConverter(rolesConverter()))
                    .authenticationEntryPoint(problems)
                    .accessDeniedHandler(problems))
            .exceptionHandling(exceptions -> exceptions
                    .authenticationEntryPoint(problems)
                    .accessDeniedHandler(problems));
        return http.build();
    }

    @Bean
    ProblemSecurityHandler problemSecurityHandler() {
        return new ProblemSecurityHandler();
    }

    @Bean
    SecretKey jwtSigningKey(JwtProperties properties) {
        return JwtKeys.signingKey(properties);
    }

    @Bean
    SessionGenerations sessionGenerations(DataSource dataSource, SessionProperties properties) {
        return new SessionGenerations(dataSource, properties);
    }

    /** The live channels validate tokens with this decoder too, so a revoked token opens no socket either. */
    @Bean
    JwtDecoder jwtDecoder(SecretKey jwtSigningKey, JwtProperties properties, SessionGenerations sessions) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withSecretKey(jwtSigningKey)
                                                   .macAlgorithm(MacAlgorithm.HS256)
                                                   .build();
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                JwtValidators.createDefaultWithIssuer(properties.issuer()), new SessionGenerationValidator(sessions)));
        return decoder;
    }

    @Bean
    JwtEncoder jwtEncoder(SecretKey jwtSigningKey) {
        return new NimbusJwtEncoder(new ImmutableSecret<>(jwtSigningKey));
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    private static AuthorizationManager<RequestAuthorizationContext> publicOrAdmin(boolean open) {
        return open ? (authentication, context) -> new AuthorizationDecision(true)
                    : AuthorityAuthorizationManager.hasRole("ADMIN");
    }

    private static JwtAuthenticationConverter rolesConverter() {
        JwtGrantedAuthoritiesConverter authorities = new JwtGrantedAuthoritiesConverter();
        authorities.setAuthoritiesClaimName(ROLES_CLAIM);
        authorities.setAuthorityPrefix("ROLE_");
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(authorities);
        return converter;
    }
}
