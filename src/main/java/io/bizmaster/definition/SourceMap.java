package io.bizmaster.definition;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.ScalarEvent;

/**
 * Where each node of a YAML text is: the line of every key and list item, by JSON pointer, and which scalars were
 * written in single quotes. A tree read by Jackson knows neither; problems need the first, and a converter needs the
 * second ({@code status: 'PLACED'} is text, {@code status: payload.status} an expression).
 */
final class SourceMap {

    private final Map<String, Integer> lines = new HashMap<>();
    private final Set<String> singleQuoted = new HashSet<>();

    private static final class Frame {
        final boolean mapping;
        final String path;
        int index;
        String key;

        Frame(boolean mapping, String path) {
            this.mapping = mapping;
            this.path = path;
        }

        /** The pointer of the node that comes next in this collection; null when a mapping's next node is a key. */
        String next() {
            if (mapping) {
                return key == null ? null : DefinitionPaths.child(path, key);
            }
            return DefinitionPaths.child(path, String.valueOf(index));
        }

        void consumed() {
            if (mapping) {
                key = null;
            } else {
                index++;
            }
        }
    }

    /** @throws org.snakeyaml.engine.v2.exceptions.YamlEngineException when the text is not YAML */
    static SourceMap of(String text, LoadSettings settings) {
        SourceMap map = new SourceMap();
        Deque<Frame> stack = new ArrayDeque<>();
        for (Event event : new Parse(settings).parseString(text)) {
            int line = event.getStartMark().map(m -> m.getLine() + 1).orElse(0);
            switch (event.getEventId()) {
                case MappingStart, SequenceStart -> {
                    String at = place(stack, map, line);
                    stack.push(new Frame(event.getEventId() == Event.ID.MappingStart, at));
                }
                case MappingEnd, SequenceEnd -> {
                    stack.pop();
                    if (!stack.isEmpty()) {
                        stack.peek().consumed();
                    }
                }
                case Scalar, Alias -> {
                    Frame parent = stack.peek();
                    if (parent != null && parent.mapping && parent.key == null) {
                        parent.key = event instanceof ScalarEvent s ? s.getValue() : "*";
                        map.lines.putIfAbsent(DefinitionPaths.child(parent.path, parent.key), line);
                    } else {
                        String at = place(stack, map, line);
                        if (event instanceof ScalarEvent s && s.getScalarStyle() == ScalarStyle.SINGLE_QUOTED) {
                            map.singleQuoted.add(at);
                        }
                        if (parent != null) {
                            parent.consumed();
                        }
                    }
                }
                default -> {
                }
            }
        }
        return map;
    }

    private static String place(Deque<Frame> stack, SourceMap map, int line) {
        Frame parent = stack.peek();
        String at = parent == null ? "" : parent.next();
        if (at == null) {
            at = parent.path; // a collection used as a mapping key: placed on its mapping
        }
        map.lines.putIfAbsent(at, line);
        return at;
    }

    Map<String, Integer> lines() {
        return lines;
    }

    /** The line of the node at {@code pointer}, or of its nearest parent the text has; 0 for none. */
    int lineOf(String pointer) {
        String p = pointer;
        while (true) {
            Integer line = lines.get(p);
            if (line != null) {
                return line;
            }
            if (p.isEmpty()) {
                return 0;
            }
            p = p.substring(0, p.lastIndexOf('/'));
        }
    }

    boolean singleQuoted(String pointer) {
        return singleQuoted.contains(pointer);
    }
}
