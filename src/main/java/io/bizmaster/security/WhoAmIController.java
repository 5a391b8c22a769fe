package io.bizmaster.security;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/me}: who is asking and what they may do, so the dashboard offers only the actions it may take. */
@RestController
public class WhoAmIController {

    private final RoleHierarchy roles;

    public WhoAmIController(RoleHierarchy roles) {
        this.roles = roles;
    }

    @GetMapping("/api/me")
    @Operation(summary = "Who is asking and what they may do: {user, roles}")
    @ApiResponse(responseCode = "200", description = "the user and their roles (viewer, operator, appcenter)")
    public Map<String, Object> me(Authentication who) {
        List<String> granted = roles.getReachableGrantedAuthorities(who.getAuthorities()).stream()
                .map(GrantedAuthority::getAuthority).toList();
        Map<String, Object> me = new LinkedHashMap<>();
        me.put("user", who.getName());
        me.put("roles", Arrays.stream(Role.values()).filter(r -> granted.contains(r.authority())).map(Role::yamlName).toList());
        return me;
    }
}
