package org.swisscheese.tracker.server;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a state-changing request that another site made a browser send (a form post, a fetch), which would
 * otherwise carry the browser's cached Basic credentials: such a request says so in its {@code Sec-Fetch-Site}
 * header, or names another origin in {@code Origin}. Scripts and the web app itself are not affected.
 */
class CrossSiteRequests extends OncePerRequestFilter {

    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!SAFE.contains(request.getMethod()) && crossSite(request)) {
            response.setStatus(HttpStatus.FORBIDDEN.value());
            response.setContentType("application/problem+json");
            response.getWriter()
                    .write("{\"status\":403,\"title\":\"Forbidden\",\"detail\":\"a state-changing request"
                            + " from another site is refused\"}");
            return;
        }
        chain.doFilter(request, response);
    }

    static boolean crossSite(HttpServletRequest request) {
        String site = request.getHeader("Sec-Fetch-Site");
        if (site != null && !site.equals("same-origin") && !site.equals("none")) {
            return true;
        }
        String origin = request.getHeader("Origin");
        if (origin == null) {
            return false; // not sent by a browser for another page: a script, a server-to-server call
        }
        try {
            // behind a proxy the port may differ; another host is another site
            return !request.getServerName().equalsIgnoreCase(URI.create(origin).getHost());
        } catch (IllegalArgumentException e) {
            return true; // "null" or garbage: an opaque origin, never this app
        }
    }
}
