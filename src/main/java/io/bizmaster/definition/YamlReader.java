package io.bizmaster.definition;

import java.util.List;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;
import tools.jackson.dataformat.yaml.YAMLFactory;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLReadFeature;

/**
 * How every file an operator writes is read as YAML: YAML 1.2's core schema (SnakeYAML Engine: {@code on}, {@code no}
 * and {@code yes} are strings), no duplicate key, bounded aliases and size; a text that is not YAML is one problem
 * naming the line and column the parser stopped at. {@link DefinitionLoader} binds what it reads to records; a file
 * checked as a tree (the route files) takes the {@link YamlTree}.
 */
public final class YamlReader {

    private final LoadSettings settings;
    private final YAMLMapper mapper;

    public YamlReader() {
        this.settings = LoadSettings.builder()
                .setMaxAliasesForCollections(10)
                .setAllowDuplicateKeys(false)
                .setCodePointLimit(4 * 1024 * 1024)
                .build();
        this.mapper = YAMLMapper.builder(YAMLFactory.builder().loadSettings(this.settings)
                        // YAML 1.2: a key with no value means null, not an empty text.
                        .enable(YAMLReadFeature.EMPTY_STRING_AS_NULL).build())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                // 2.5 where a whole number is meant is a mistake, not 2.
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .build();
    }

    /**
     * The text as a tree, with the line of each node.
     *
     * @return the tree; an empty text is an empty tree (a missing node)
     * @throws DefinitionException when the text is not YAML
     */
    public YamlTree read(String text, String origin) {
        SourceMap source = sourceMap(text, origin);
        Problems problems = new Problems(origin, source);
        JsonNode tree = readTree(text, problems);
        problems.throwIfAny();
        return new YamlTree(tree == null ? MissingNode.getInstance() : tree, source);
    }

    YAMLMapper mapper() {
        return mapper;
    }

    /** @throws DefinitionException naming the line the parser stopped at, in one line (not the parser's snippet) */
    SourceMap sourceMap(String text, String origin) {
        try {
            return SourceMap.of(text, settings);
        } catch (MarkedYamlEngineException e) {
            Optional<Mark> at = e.getProblemMark().or(e::getContextMark);
            String problem = e.getProblem() == null ? "" : e.getProblem();
            String context = e.getContext() == null ? "" : e.getContext() + ": ";
            throw new DefinitionException(origin, List.of(new Problem("", at.map(m -> m.getLine() + 1).orElse(0),
                    "is not valid YAML" + at.map(m -> " (column " + (m.getColumn() + 1) + ")").orElse("") + ": "
                            + context + problem)));
        } catch (YamlEngineException e) {
            throw new DefinitionException(origin, List.of(new Problem("", 0, "is not valid YAML: " + e.getMessage())));
        }
    }

    /** The tree; null for an empty text, or one that is not YAML (a problem then says why). */
    JsonNode readTree(String text, Problems problems) {
        try {
            JsonNode tree = mapper.readTree(text);
            return tree == null || tree.isMissingNode() || tree.isNull() ? null : tree;
        } catch (JacksonException e) {
            TokenStreamLocation at = e.getLocation();
            problems.addAtLine(at == null ? 0 : Math.max(0, at.getLineNr()), "is not valid YAML"
                    + (at == null || at.getColumnNr() < 1 ? "" : " (column " + at.getColumnNr() + ")") + ": " + e.getOriginalMessage());
            return null;
        }
    }
}
