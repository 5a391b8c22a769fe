package com.example.bizmaster.jsonl;

import io.bizmaster.store.Connector;
import io.bizmaster.store.ConnectorCapabilities;
import io.bizmaster.store.ConnectorContext;
import io.bizmaster.store.ConnectorOption;
import io.bizmaster.store.OptionType;
import io.bizmaster.store.StoreTarget;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A journal of every change a store's converter makes, one JSON line each, in {@code FOLDER/STORE.jsonl}. The
 * checkpoint file records the seq and the journal's length at that seq, so a batch cut short by a crash is cut off
 * again before the next one: each change is in the journal exactly once.
 */
public class JsonlConnector implements Connector {

    @Override
    public String name() {
        return "jsonl";
    }

    @Override
    public String description() {
        return "example: a JSON-lines journal of every change per store, exactly once";
    }

    @Override
    public List<ConnectorOption> options() {
        return List.of(ConnectorOption.required("folder", new OptionType.Text(), "where the journals are written"),
                ConnectorOption.optional("sync", new OptionType.Flag(), "true", "force each batch to disk before the "
                        + "checkpoint moves"));
    }

    @Override
    public ConnectorCapabilities capabilities() {
        // Exactly once, but write-only: nothing reads the journal back for a verification.
        return new ConnectorCapabilities(ConnectorCapabilities.Checkpointing.TRANSACTIONAL, false, true);
    }

    @Override
    public List<String> problems(Map<String, String> options) {
        List<String> problems = new ArrayList<>();
        String folder = options.get("folder");
        if (folder != null && (folder.isBlank() || folder.contains("\0"))) {
            problems.add("option 'folder': '" + folder + "' is not a folder name");
        }
        return problems;
    }

    @Override
    public StoreTarget open(String store, Map<String, String> options, ConnectorContext context) {
        return new JsonlTarget(store, Path.of(options.get("folder")), Boolean.parseBoolean(options.getOrDefault("sync", "true")));
    }
}
