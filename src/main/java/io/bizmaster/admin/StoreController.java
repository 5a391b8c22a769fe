package io.bizmaster.admin;

import io.bizmaster.pipeline.PipelineControl;
import io.bizmaster.store.StoreBusyException;
import io.bizmaster.store.StoreRegistry;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "stores", description = "Stores: status, pause and resume, converter, parked commands, replay")
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
    @Operation(summary = "Every store: role, converter, connector, checkpoint, lag, whether it is paused, failing or has "
            + "commands parked")
    @ApiResponse(responseCode = "200", description = "one status per store")
    public List<StoreStatus> stores() {
        return status.all();
    }

    @GetMapping("/api/stores/{name}")
    @Operation(summary = "One store's status")
    @ApiResponse(responseCode = "200", description = "the store's status")
    @ApiResponse(responseCode = "404", description = "no store of that name")
    public StoreStatus store(@Parameter(description = "the store's name") @PathVariable String name) {
        return status.one(name);
    }

    /** Stops applying to the store; its commands wait in its queue. */
    @PostMapping("/api/stores/{name}/pause")
    @Operation(summary = "Pause a store: its route stops, its commands wait in its queue (the others go on)",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = false,
                    description = "nothing to say: send {} as application/json",
                    content = @Content(mediaType = "application/json", examples = @ExampleObject(value = "{}"))))
    @ApiResponse(responseCode = "200", description = "the store's status, paused")
    @ApiResponse(responseCode = "404", description = "no store of that name")
    @ApiResponse(responseCode = "409", description = "a replay holds the store")
    public StoreStatus pause(@Parameter(description = "the store's name") @PathVariable String name) throws Exception {
        StoreBusyException.check(stores.get(name), "pause");
        pipeline.pause(name);
        return status.one(name);
    }

    @PostMapping("/api/stores/{name}/resume")
    @Operation(summary = "Resume a paused store: it catches up from its checkpoint, in order",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = false,
                    description = "nothing to say: send {} as application/json",
                    content = @Content(mediaType = "application/json", examples = @ExampleObject(value = "{}"))))
    @ApiResponse(responseCode = "200", description = "the store's status, running")
    @ApiResponse(responseCode = "404", description = "no store of that name")
    @ApiResponse(responseCode = "409", description = "a replay holds the store")
    public StoreStatus resume(@Parameter(description = "the store's name") @PathVariable String name) throws Exception {
        StoreBusyException.check(stores.get(name), "resume");
        pipeline.resume(name);
        return status.one(name);
    }
}
