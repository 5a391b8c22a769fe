package io.bizmaster.routes;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The beans route files name ({@code ref: logReader}, {@code #bean:name}, {@code connectionFactory=#rabbitmq}) and
 * whether each exists: in the application, or declared in a {@code beans:} block of any route file (Camel binds those
 * before it builds a route, whichever file they are in).
 */
final class BeanReferences {

    /** Keys whose text names a bean. */
    private static final Set<String> REF_KEYS = Set.of("ref", "refErrorHandler", "aggregationStrategy", "onPrepare",
            "idempotentRepository", "onRedeliveryRef", "executorService");

    private final RouteEnvironment environment;
    private final Set<String> declared = new TreeSet<>();

    BeanReferences(RouteEnvironment environment, List<RouteFile> files) {
        this.environment = environment;
        for (RouteFile file : files) {
            for (RouteFile.Field field : file.fields()) {
                // - beans: [{name: ...}] at the top level, and a route template's own beans
                if (field.key().equals("beans") && field.value().isArray()) {
                    field.value().forEach(bean -> {
                        if (bean.path("name").isString()) {
                            declared.add(bean.path("name").stringValue());
                        }
                    });
                }
            }
        }
    }

    /** Whether a bean of that name exists, declared in a route file or in the application. */
    boolean exists(String name) {
        return declared.contains(name) || environment.hasBean(name);
    }

    void check(RouteFile file, List<RouteProblem> problems) {
        for (RouteFile.Field field : file.fields()) {
            String text = field.text();
            if (text == null || text.contains("{{")) {
                continue;
            }
            String name = null;
            if (text.startsWith("#bean:")) {
                name = text.substring("#bean:".length());
            } else if (REF_KEYS.contains(field.key()) && !text.startsWith("#")
                    && (field.key().equals("ref") || !text.contains("."))) {
                name = text;
            } else if (field.key().equals("ref") && text.startsWith("#") && !text.contains(":")) {
                name = text.substring(1);
            }
            if (name != null) {
                check(name, file, field.pointer(), problems);
            }
        }
    }

    /** An endpoint option whose value is {@code #name} or {@code #bean:name}. */
    void checkOptionValue(String value, RouteFile file, String pointer, List<RouteProblem> problems) {
        String text = value.strip();
        if (text.contains("{{")) {
            return;
        }
        if (text.startsWith("#bean:")) {
            check(text.substring("#bean:".length()), file, pointer, problems);
        } else if (text.startsWith("#") && !text.contains(":")) {
            check(text.substring(1), file, pointer, problems);
        }
    }

    private void check(String name, RouteFile file, String pointer, List<RouteProblem> problems) {
        if (exists(name)) {
            return;
        }
        Set<String> known = new TreeSet<>(declared);
        known.addAll(environment.beanNames());
        String hint = Suggestions.didYouMean(name, known);
        Set<String> ours = new TreeSet<>(RouteEnvironment.BIZMASTER_BEANS);
        problems.add(file.problem(pointer, "bean '" + name + "' does not exist (" + (hint.isEmpty() ? "" : hint + " ")
                + "BizMaster's are " + String.join(", ", ours) + (declared.isEmpty() ? "" : "; declared in route files: "
                + String.join(", ", declared)) + "; declare a bean of your own in a beans: block)"));
    }
}
