package io.bizmaster.admin;

import io.bizmaster.pipeline.PipelineControl;
import io.bizmaster.store.StoreBusyException;
import io.bizmaster.store.StoreRegistry;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class StoreController {

    private final StoreStatusService status;
    private final PipelineControl pipeline;
    private final StoreRegistry stores;

    public StoreController(StoreStatusService status, PipelineControl pipeline, StoreRegistry stores) {
        this.status = status;
        this.stores = stores;
        this.pipeline = pipeline;
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
        StoreBusyException.check(stores.get(name), "pause");
        pipeline.pause(name);
        return status.one(name);
    }

    @PostMapping("/api/stores/{name}/resume")
    public StoreStatus resume(@PathVariable String name) throws Exception {
        StoreBusyException.check(stores.get(name), "resume");
        pipeline.resume(name);
        return status.one(name);
    }
}
