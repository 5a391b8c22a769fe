package io.bizmaster.gateway;

import io.bizmaster.pipeline.PipelineControl;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * During a cut-over's freeze the HTTP gateway takes no command: 503 with a maintenance message and
 * {@code Retry-After}, so an AppCenter retries instead of believing the command queued. Commands posted to
 * the broker directly simply wait in {@code biz.commands}.
 */
public class MaintenanceFilter extends OncePerRequestFilter {

    private final PipelineControl pipeline;

    public MaintenanceFilter(PipelineControl pipeline) {
        this.pipeline = pipeline;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String reason = pipeline.freezeReason();
        if (reason != null && "POST".equals(request.getMethod())) {
            response.setStatus(503);
            response.setHeader("Retry-After", String.valueOf(pipeline.retryAfterSeconds()));
            response.setContentType("application/json");
            response.getWriter().write("{\"error\":\"BizMaster is in maintenance: " + reason.replace("\"", "'")
                    + "; nothing was queued, retry after " + pipeline.retryAfterSeconds() + " s\"}");
            return;
        }
        chain.doFilter(request, response);
    }
}
