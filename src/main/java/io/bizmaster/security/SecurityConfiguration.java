package io.bizmaster.security;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;

/**
 * REST and Actuator behind credentials. A viewer reads ({@code GET}), an operator also changes state, an appcenter
 * posts commands ({@code POST /api/commands}) and nothing else; only
 * {@code /actuator/health} (UP or DOWN, no details) is public. HTTP Basic on every request, no session and no cookie,
 * so a browser never authenticates a request by itself with a cookie; state changes take only JSON or YAML bodies
 * ({@link StateChangeContentTypes}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SecurityProperties.class)
public class SecurityConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(SecurityConfiguration.class);

    @Bean
    SecurityFilterChain api(HttpSecurity http) throws Exception {
        http.csrf(AbstractHttpConfigurer::disable) // no cookie session: nothing a forged request could ride on
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .httpBasic(basic -> basic.realmName("BizMaster"))
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers(HttpMethod.GET, "/actuator/health", "/actuator/health/liveness",
                                "/actuator/health/readiness").permitAll()
                        .requestMatchers("/error").permitAll()
                        .requestMatchers(HttpMethod.POST, "/api/commands").hasAnyRole(Role.APPCENTER.name(), Role.OPERATOR.name())
                        .requestMatchers(HttpMethod.GET, "/api/**", "/actuator/**", "/v3/api-docs/**", "/swagger-ui/**",
                                "/swagger-ui.html").hasRole(Role.VIEWER.name())
                        .requestMatchers(HttpMethod.HEAD, "/api/**", "/actuator/**").hasRole(Role.VIEWER.name())
                        .anyRequest().hasRole(Role.OPERATOR.name()))
                .addFilterAfter(new StateChangeContentTypes(), AuthorizationFilter.class);
        return http.build();
    }

    /** An operator may do everything a viewer may. */
    @Bean
    static RoleHierarchy roleHierarchy() {
        return RoleHierarchyImpl.withDefaultRolePrefix().role(Role.OPERATOR.name()).implies(Role.VIEWER.name()).build();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    UserDetailsService apiUsers(SecurityProperties properties) {
        List<UserDetails> users = new ArrayList<>(ApiUsers.configured(properties, System::getenv));
        if (users.isEmpty()) {
            GeneratedCredentials.Credentials operator = GeneratedCredentials.readOrCreate(properties.credentialsFile(), GeneratedCredentials.OPERATOR);
            users.add(ApiUsers.generated(operator));
            if (operator.created()) {
                // The password itself is never printed: a terminal's output is as often kept and shipped as a log.
                System.out.println("BizMaster generated an operator for its REST API: user '" + operator.user()
                        + "', its password in " + properties.credentialsFile().toAbsolutePath() + " (readable by you "
                        + "only); the CLI on this machine uses it from there. Configure bizmaster.security.users for real "
                        + "deployments.");
            }
            LOG.info("REST API users: the generated operator (credentials in {})", properties.credentialsFile().toAbsolutePath());
        } else {
            LOG.info("REST API users: {}", users.stream().map(u -> u.getUsername() + " " + u.getAuthorities()).toList());
        }
        return new InMemoryUserDetailsManager(users);
    }
}
