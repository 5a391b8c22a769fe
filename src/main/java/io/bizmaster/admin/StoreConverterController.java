package io.bizmaster.admin;

import io.bizmaster.apply.ConverterSwitch;
import io.bizmaster.store.ConverterRef;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/stores/{name}/converter {"converter": "modern@2"}}: seed scenario 2, while the store is paused. */
@RestController
@Tag(name = "stores")
public class StoreConverterController {

    private final ConverterSwitch converterSwitch;
    private final StoreStatusService status;

    public StoreConverterController(ConverterSwitch converterSwitch, StoreStatusService status) {
        this.converterSwitch = converterSwitch;
        this.status = status;
    }

    @PostMapping("/api/stores/{name}/converter")
    @Operation(summary = "Switch a paused store to another converter version (checked against the store and the catalogue)",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
                    mediaType = "application/json", examples = @ExampleObject(value = "{\"converter\": \"modern@2\"}"))))
    @ApiResponse(responseCode = "200", description = "the store's status with its new converter")
    @ApiResponse(responseCode = "400", description = "no converter given, not name@version, a converter that does not exist, "
            + "or one that does not fit the store's schema or the catalogue")
    @ApiResponse(responseCode = "404", description = "no store of that name")
    @ApiResponse(responseCode = "409", description = "the store is not paused")
    public StoreStatus setConverter(@Parameter(description = "the store's name") @PathVariable String name,
                                    @RequestBody Map<String, String> body) {
        String converter = body == null ? null : body.get("converter");
        if (converter == null || converter.isBlank()) {
            throw new IllegalArgumentException("give the converter as {\"converter\": \"name@version\"}");
        }
        converterSwitch.set(name, ConverterRef.parse(converter.trim()));
        return status.one(name);
    }

    /** Not paused: the operator must pause first; a conflict with the store's state, not a bad request. */
    @ExceptionHandler(IllegalStateException.class)
    ResponseEntity<Map<String, String>> conflict(IllegalStateException e) {
        return ResponseEntity.status(409).body(Map.of("error", e.getMessage()));
    }
}
