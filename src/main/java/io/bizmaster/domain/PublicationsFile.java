package io.bizmaster.domain;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import java.util.List;
import java.util.Map;

/** A domain's {@code publications.yaml} as written; {@link Domains} checks it against the catalogue and the stores. */
record PublicationsFile(
        @NotEmpty(message = "must be a mapping of publications (name@version: {types, fields, subscribers})")
        Map<@Pattern(regexp = NAME, message = NOT_A_NAME) String, @Valid PublicationFile> publications) {

    static final String NAME = "[a-z][a-z0-9-]{0,62}@[1-9][0-9]{0,5}";
    static final String NOT_A_NAME = "'${validatedValue}' is not a publication name: name@version, e.g. customer@1";

    record PublicationFile(
            String description,
            @NotEmpty(message = "must name the command types it publishes") List<String> types,
            @NotEmpty(message = "must name the payload fields it publishes (a path to an object publishes it whole)")
            List<String> fields,
            @NotEmpty(message = "must name the stores that may subscribe to it") List<String> subscribers) {
    }
}
