package io.bizmaster.domain;

import io.bizmaster.definition.DefinitionLoader;
import java.nio.file.Path;
import java.util.List;

/**
 * The gateway's forwarding rules (docs/READ-MODELS.md): a command a BFF posts under a type of its own is turned into
 * a command of the owning domain before it is queued there. None configured: every command goes as posted.
 */
public final class Forwarding {

    private static final Forwarding NONE = new Forwarding();

    static Forwarding load(Path file, Domains domains, DefinitionLoader loader, List<String> problems) {
        if (file == null) {
            return NONE;
        }
        problems.add("bizmaster.forwarding: " + file + ": forwarding rules are not read yet");
        return NONE;
    }
}
