package io.bizmaster.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A request that changes state must say its body is JSON or YAML. A page in the operator's browser can post
 * {@code text/plain}, a form or multipart to any address without asking (no CORS preflight), and the browser may add
 * credentials it remembers; JSON and YAML need a preflight, which BizMaster never grants. So a cross-site post cannot
 * reach a handler, whatever the handler would have accepted.
 */
final class StateChangeContentTypes extends OncePerRequestFilter {

    private static final Set<String> CHANGES = Set.of("POST", "PUT", "PATCH", "DELETE");
    private static final Set<String> ACCEPTED = Set.of("application/json", "application/yaml", "application/x-yaml");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (CHANGES.contains(request.getMethod()) && !accepted(request.getContentType())) {
            response.setStatus(HttpServletResponse.SC_UNSUPPORTED_MEDIA_TYPE);
            response.setContentType("application/json");
            response.getOutputStream().write(("{\"error\":\"" + request.getMethod() + " " + request.getRequestURI().replace("\"", "")
                    + " needs Content-Type application/json (or application/yaml for a migration definition); got "
                    + (request.getContentType() == null ? "none" : "'" + request.getContentType().replace("\"", "") + "'")
                    + "\"}").getBytes(StandardCharsets.UTF_8));
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean accepted(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.toLowerCase(Locale.ROOT);
        int semicolon = type.indexOf(';');
        return ACCEPTED.contains((semicolon < 0 ? type : type.substring(0, semicolon)).strip());
    }
}
