package io.bizmaster.security;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.annotation.web.configurers.ExceptionHandlingConfigurer;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.www.BasicAuthenticationEntryPoint;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;

/**
 * REST, Actuator and the dashboard behind credentials. A viewer reads ({@code GET}), an operator also changes state, an
 * appcenter posts commands ({@code POST /api/commands}) and nothing else; only {@code /actuator/health} (UP or DOWN, no
 * details), the login form and the icon are public. Scripts and the CLI send HTTP Basic on every request and get no session; a
 * browser logs in with the form and gets a session cookie (SameSite strict), and then every state change must carry the
 * CSRF token the dashboard reads from its cookie. State changes take only JSON or YAML bodies
 * ({@link StateChangeContentTypes}), which no other site's page can send without a CORS preflight BizMaster never grants.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SecurityProperties.class)
public class SecurityConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(SecurityConfiguration.class);
    private static final String REALM = "BizMaster";
    private static final java.util.Set<String> SAFE_METHODS = java.util.Set.of("GET", "HEAD", "OPTIONS", "TRACE");
    /** The dashboard loads nothing from elsewhere and runs no inline script (Swagger UI needs inline styles). */
    private static final String DASHBOARD_CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; form-action 'self'";

    @Bean
    SecurityFilterChain api(HttpSecurity http) throws Exception {
        http.csrf(csrf -> csrf.spa().requireCsrfProtectionMatcher(SecurityConfiguration::ridesOnASession))
                // Only the login form starts a session (and renews its id); a request authenticated otherwise is
                // not taken for a login to remember.
                .sessionManagement(s -> s.requireExplicitAuthenticationStrategy(true))
                // A script's credentials are checked on each request and kept in no session.
                .httpBasic(basic -> basic.realmName(REALM).securityContextRepository(new RequestAttributeSecurityContextRepository()))
                .formLogin(form -> form.defaultSuccessUrl("/", true).permitAll())
                .logout(logout -> logout.logoutSuccessUrl("/login?logout").permitAll())
                .requestCache(AbstractHttpConfigurer::disable)
                .exceptionHandling(SecurityConfiguration::entryPoints)
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(DASHBOARD_CSP)))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers(HttpMethod.GET, "/actuator/health", "/actuator/health/liveness",
                                "/actuator/health/readiness").permitAll()
                        .requestMatchers("/error").permitAll()
                        .requestMatchers(HttpMethod.GET, "/favicon.ico").permitAll()
                        .requestMatchers(HttpMethod.POST, "/api/commands").hasAnyRole(Role.APPCENTER.name(), Role.OPERATOR.name())
                        .requestMatchers(HttpMethod.GET, "/api/**", "/actuator/**", "/v3/api-docs", "/v3/api-docs/**", "/v3/api-docs.yaml", "/swagger-ui/**",
                                "/swagger-ui.html").hasRole(Role.VIEWER.name())
                        .requestMatchers(HttpMethod.HEAD, "/api/**", "/actuator/**").hasRole(Role.VIEWER.name())
                        // The dashboard: its page and scripts, for anyone who may read.
                        .requestMatchers(HttpMethod.GET, "/", "/index.html", "/app/**", "/webjars/**")
                        .hasRole(Role.VIEWER.name())
                        .anyRequest().hasRole(Role.OPERATOR.name()))
                .addFilterAfter(new StateChangeContentTypes(), AuthorizationFilter.class);
        return http.build();
    }

    /**
     * Who has not logged in: a browser opening a page (asking for HTML) is sent to the login form; the dashboard's own requests (marked
     * {@code X-Requested-With}) get a bare 401, so the browser shows no password dialog of its own; every other caller
     * gets HTTP Basic's challenge. (Defaults per request rather than one entry point: Spring Security renders its login
     * form only while no entry point is set outright.)
     */
    private static void entryPoints(ExceptionHandlingConfigurer<HttpSecurity> exceptions) {
        BasicAuthenticationEntryPoint basic = new BasicAuthenticationEntryPoint();
        basic.setRealmName(REALM);
        exceptions.defaultAuthenticationEntryPointFor(new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED),
                        request -> "XMLHttpRequest".equals(request.getHeader("X-Requested-With")))
                .defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/login"),
                        request -> "GET".equals(request.getMethod()) && isPage(request.getRequestURI())
                                && String.valueOf(request.getHeader(HttpHeaders.ACCEPT)).contains("text/html"))
                .defaultAuthenticationEntryPointFor(basic, AnyRequestMatcher.INSTANCE);
    }

    /**
     * Whether a request needs the CSRF token: a state change that a browser's session cookie could carry (or the login
     * and logout themselves). A caller that sends its credentials itself (HTTP Basic: the CLI, scripts) or has no
     * session rides on no cookie: it is refused, if at all, for who it is (401/403), not for a missing token.
     */
    private static boolean ridesOnASession(jakarta.servlet.http.HttpServletRequest request) {
        if (SAFE_METHODS.contains(request.getMethod()) || request.getHeader(HttpHeaders.AUTHORIZATION) != null) {
            return false;
        }
        String path = request.getRequestURI();
        return request.getRequestedSessionId() != null || path.equals("/login") || path.equals("/logout");
    }

    private static boolean isPage(String path) {
        return path.equals("/") || path.equals("/index.html") || path.startsWith("/app/") || path.startsWith("/swagger-ui");
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
