package io.bizmaster.admin;

import io.bizmaster.apply.StoreRoutes;
import java.util.List;
import org.apache.camel.CamelContext;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class StoreController {

    private final StoreStatusService status;
    private final StoreRoutes routes;
    private final CamelContext camel;

    public StoreController(StoreStatusService status, StoreRoutes routes, CamelContext camel) {
        this.status = status;
        this.routes = routes;
        this.camel = camel;
    }

    @GetMapping("/api/stores")
    public List<StoreStatus> stores() {
        return status.all();
    }

    @GetMapping("/api/stores/{name}")
    public StoreStatus store(@PathVariable String name) {
        return status.one(name);
    }

    /** Stops applying to the store; its commands wait in its queue. */
    @PostMapping("/api/stores/{name}/pause")
    public StoreStatus pause(@PathVariable String name) throws Exception {
        routes.pause(camel, name);
        return status.one(name);
    }

    @PostMapping("/api/stores/{name}/resume")
    public StoreStatus resume(@PathVariable String name) throws Exception {
        routes.resume(camel, name);
        return status.one(name);
    }
}
