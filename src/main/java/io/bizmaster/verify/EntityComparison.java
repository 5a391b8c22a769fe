package io.bizmaster.verify;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What comparing one entity between two stores means: the columns both projections declare (in the
 * source's order), each side's normalisation of them (the loosenings of both merged, each side's own
 * zone), and the columns only one side has, which are listed in the report as not compared.
 */
public final class EntityComparison {

    private final String entity;
    private final ProjectionQuery source;
    private final ProjectionQuery target;
    private final List<String> columns;
    private final List<String> onlyInSource;
    private final List<String> onlyInTarget;
    private final Map<String, String> rules;

    private EntityComparison(String entity, ProjectionQuery source, ProjectionQuery target, List<String> columns,
                             List<String> onlyInSource, List<String> onlyInTarget, Map<String, String> rules) {
        this.entity = entity;
        this.source = source;
        this.target = target;
        this.columns = columns;
        this.onlyInSource = onlyInSource;
        this.onlyInTarget = onlyInTarget;
        this.rules = rules;
    }

    /**
     * @throws VerificationException when the two projections share no column or declare rules that
     *                               contradict each other, naming both stores, the entity and the column
     */
    public static EntityComparison of(String sourceStore, Projection source, String targetStore, Projection target) {
        String entity = source.entity();
        String pair = "entity " + entity + " between store " + sourceStore + " (converter " + source.converter()
                + ") and store " + targetStore + " (converter " + target.converter() + ")";
        if (!source.key().equals(target.key())) {
            throw new VerificationException(pair + ": the key is " + source.key() + " on one side and " + target.key()
                    + " on the other; both projections must name the key alike");
        }
        List<String> columns = new ArrayList<>();
        List<String> onlyInSource = new ArrayList<>();
        List<Normalisation> sourceRules = new ArrayList<>();
        List<Normalisation> targetRules = new ArrayList<>();
        Map<String, String> described = new LinkedHashMap<>();
        for (Map.Entry<String, Normalisation> column : source.columns().entrySet()) {
            Normalisation theirs = target.columns().get(column.getKey());
            if (theirs == null) {
                onlyInSource.add(column.getKey());
                continue;
            }
            Normalisation mine = column.getValue();
            try {
                Normalisation forSource = mine.mergedWith(theirs);
                Normalisation forTarget = theirs.mergedWith(mine);
                sourceRules.add(forSource);
                targetRules.add(forTarget);
                described.put(column.getKey(), forSource.zone().equals(forTarget.zone()) ? forSource.describe()
                        : forSource.describe() + " (" + sourceStore + "); " + forTarget.describe() + " (" + targetStore + ")");
            } catch (IllegalArgumentException e) {
                throw new VerificationException(pair + ", column " + column.getKey() + ": " + e.getMessage(), e);
            }
            columns.add(column.getKey());
        }
        List<String> onlyInTarget = target.columns().keySet().stream().filter(c -> !source.columns().containsKey(c)).toList();
        if (columns.isEmpty()) {
            throw new VerificationException(pair + ": the projections have no column in common besides the key "
                    + source.key() + "; there is nothing to compare");
        }
        return new EntityComparison(entity,
                new ProjectionQuery(sourceStore, source, columns, sourceRules),
                new ProjectionQuery(targetStore, target, columns, targetRules),
                List.copyOf(columns), List.copyOf(onlyInSource), onlyInTarget, described);
    }

    public String entity() {
        return entity;
    }

    public ProjectionQuery source() {
        return source;
    }

    public ProjectionQuery target() {
        return target;
    }

    public List<String> columns() {
        return columns;
    }

    public List<String> onlyInSource() {
        return onlyInSource;
    }

    public List<String> onlyInTarget() {
        return onlyInTarget;
    }

    /** The effective normalisation of each compared column, in the projection files' words. */
    public Map<String, String> rules() {
        return rules;
    }

    /** Whether a command of this type changes this entity's row on either side, by the command's key. */
    public boolean changedBy(String commandType) {
        return source.projection().changedBy(commandType) || target.projection().changedBy(commandType);
    }
}
