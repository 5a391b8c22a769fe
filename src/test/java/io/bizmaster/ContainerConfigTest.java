package io.bizmaster;

import static org.assertj.core.api.Assertions.assertThat;

import io.bizmaster.broker.BrokerProperties;
import io.bizmaster.home.BizMasterHome;
import io.bizmaster.store.JdbcConnector;
import io.bizmaster.store.StoreProperties;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.origin.PropertySourceOrigin;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.FileSystemResource;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The container files ({@code Dockerfile}, {@code docker-compose.yml}) read as Docker would and checked against the
 * application's own configuration, since the build machine has no Docker engine: published ports against broker.xml's
 * acceptor and server.port, every mounted file against the repository, every environment variable against a real
 * property (Spring's relaxed binding, the configuration metadata, application.yaml, the stores' records), the broker
 * user against the users and roles files, the image against the jar the build makes and the public health path.
 */
class ContainerConfigTest {

    private static final Path ROOT = Path.of("").toAbsolutePath();
    private static final String INSTANCE = "/var/lib/artemis-instance/";

    private static Map<String, Object> compose;
    private static Map<String, Object> services;
    private static List<String> dockerfile;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void read() throws IOException {
        // SnakeYAML as Compose reads it: the x-* anchors merged into the services with <<.
        compose = new Yaml().load(Files.readString(ROOT.resolve("docker-compose.yml")));
        services = (Map<String, Object>) compose.get("services");
        dockerfile = Files.readAllLines(ROOT.resolve("Dockerfile"));
    }

    @Test
    void theServicesAreThePairTheDatabasesRedisAndTwoBizMasters() {
        assertThat(services).containsOnlyKeys("artemis-primary", "artemis-backup", "postgres", "mariadb", "redis",
                "bizmaster-1", "bizmaster-2");
    }

    @Test
    void theBrokersPublishTheAcceptorPortOfBrokerXmlAndMountTheProjectsFiles() throws IOException {
        String brokerXml = Files.readString(ROOT.resolve("artemis/broker.xml"));
        Matcher acceptor = Pattern.compile("<acceptor name=\"artemis\">tcp://([^:]+):(\\d+)\\?").matcher(brokerXml);
        assertThat(acceptor.find()).as("broker.xml's acceptor").isTrue();
        assertThat(acceptor.group(1)).as("the embedded default stays on localhost").isEqualTo("127.0.0.1");
        int port = Integer.parseInt(acceptor.group(2));
        assertThat(port).isNotIn(5672, 1883);
        Map<String, String> roleFile = Map.of("artemis-primary", "artemis/ha-primary.properties",
                "artemis-backup", "artemis/ha-backup.properties");
        for (String broker : roleFile.keySet()) {
            assertThat(containerPorts(broker)).as("%s publishes broker.xml's acceptor port", broker).containsExactly(port);
            Map<String, String> mounts = mounts(broker);
            assertThat(mounts).as("%s mounts the project's broker files as etc-override", broker).containsAllEntriesOf(Map.of(
                    INSTANCE + "etc-override/broker.xml", "artemis/broker.xml",
                    INSTANCE + "etc-override/artemis-roles.properties", "artemis/artemis-roles.properties",
                    INSTANCE + "etc-override/broker.properties", roleFile.get(broker)));
            Properties role = properties(roleFile.get(broker));
            assertThat(defaultOf(role.getProperty("acceptorConfigurations.artemis.params.host")))
                    .as("%s listens beyond localhost", broker).isEqualTo("0.0.0.0");
            assertThat(defaultOf(role.getProperty("acceptorConfigurations.artemis.params.port")))
                    .as("%s's acceptor port", broker).isEqualTo(String.valueOf(port));
            assertThat(defaultOf(role.getProperty("connectorConfigurations.primary.params.host"))).isEqualTo("artemis-primary");
            assertThat(defaultOf(role.getProperty("connectorConfigurations.backup.params.host"))).isEqualTo("artemis-backup");
            assertThat(role).as("no cluster password in git").doesNotContainKey("clusterPassword");
            assertThat(secretTargets(broker)).as("%s's users and cluster password come from secrets", broker)
                    .containsEntry(INSTANCE + "etc-override/artemis-users.properties", "artemis-users")
                    .containsEntry(INSTANCE + "etc-override/cluster.properties", "artemis-cluster");
            assertThat(String.join(" ", command(broker))).as("%s reads its role and the cluster password", broker)
                    .contains("--properties " + INSTANCE + "etc/broker.properties," + INSTANCE + "etc/cluster.properties");
        }
        assertThat(properties("artemis/ha-primary.properties").getProperty("HAPolicyConfiguration"))
                .isEqualTo("REPLICATION_PRIMARY_QUORUM_VOTING");
        assertThat(properties("artemis/ha-backup.properties").getProperty("HAPolicyConfiguration"))
                .isEqualTo("REPLICATION_BACKUP_QUORUM_VOTING");
    }

    @Test
    void everyMountedFileIsInTheRepositoryOrMadeByTheSecretsScript() throws IOException {
        String script = Files.readString(ROOT.resolve("docker/make-secrets.sh"));
        List<String> problems = new ArrayList<>();
        for (String service : services.keySet()) {
            mounts(service).forEach((target, source) -> {
                if (!Files.exists(ROOT.resolve(source))) {
                    problems.add(service + ": " + source + " (mounted at " + target + ") is not in the repository");
                }
            });
        }
        @SuppressWarnings("unchecked")
        Map<String, Map<String, String>> secrets = (Map<String, Map<String, String>>) compose.get("secrets");
        secrets.forEach((name, secret) -> {
            String file = secret.get("file");
            if (!file.startsWith("./secrets/") || !script.contains("secrets/" + file.substring("./secrets/".length()))) {
                problems.add("secret " + name + ": " + file + " is not made by docker/make-secrets.sh");
            }
        });
        assertThat(problems).isEmpty();
        assertThat(Files.readAllLines(ROOT.resolve(".gitignore"))).as("secrets/ never in git").contains("secrets/");
    }

    @Test
    void theBrokerUserOfBizMasterIsTheOneTheRolesFileAndTheSecretsScriptGiveTheRoleBizmaster() throws IOException {
        Properties roles = properties("artemis/artemis-roles.properties");
        Properties users = properties("artemis/artemis-users.properties");
        String script = Files.readString(ROOT.resolve("docker/make-secrets.sh"));
        for (String bizmaster : List.of("bizmaster-1", "bizmaster-2")) {
            String user = environment(bizmaster).get("SPRING_ARTEMIS_USER");
            assertThat(roles.getProperty("bizmaster")).as("the role bizmaster (broker.xml's security-settings) has %s", user)
                    .isEqualTo(user);
            assertThat(users).as("BizMaster's user is never in the shared users file").doesNotContainKey(user);
            assertThat(script).as("the secrets script adds %s to the brokers' users file", user)
                    .contains("printf '\\n" + user + " = %s\\n'");
            assertThat(secretTargets(bizmaster)).as("%s's broker password is the one the script wrote for the brokers",
                    bizmaster).containsEntry("/run/secrets/bizmaster/spring.artemis.password", "bizmaster-broker-password");
        }
        assertThat(script).contains("cat artemis/artemis-users.properties");
        // The appcenter stays as the shipped file has it (AppCenters send to biz.commands only).
        assertThat(roles.getProperty("appcenter")).isEqualTo("appcenter");
        assertThat(users).containsKey("appcenter");
    }

    @Test
    void bizMasterReachesThePairAndPublishesServerPort() throws IOException {
        int serverPort = Integer.parseInt(String.valueOf(applicationYaml().getProperty("server.port")));
        for (String bizmaster : List.of("bizmaster-1", "bizmaster-2")) {
            assertThat(containerPorts(bizmaster)).as("%s publishes server.port", bizmaster).containsExactly(serverPort);
            String url = environment(bizmaster).get("SPRING_ARTEMIS_BROKER_URL");
            assertThat(url).as("both brokers, fail-over on, reconnecting").startsWith(
                    "(tcp://artemis-primary:61616,tcp://artemis-backup:61616)?").contains("ha=true", "reconnectAttempts=-1");
            assertThat(mounts(bizmaster)).isEmpty();
            assertThat(volumeTargets(bizmaster)).as("%s keeps data/ in a volume", bizmaster).containsExactly("/app/data");
        }
        assertThat(dockerfile).contains("EXPOSE " + serverPort).anyMatch(l -> l.contains("SERVER_PORT=" + serverPort));
    }

    /**
     * Every variable given to BizMaster is a property it reads, found the way Spring Boot finds it (relaxed binding of
     * the environment): a property of the configuration metadata on the classpath, one of application.yaml, or a
     * store's setting (bound to {@link StoreProperties}), the home. The image's ENV counts, as the container gets it.
     * A misspelt name would be ignored silently by the application.
     */
    @Test
    void everyEnvironmentVariableOfBizMasterIsAPropertyOfTheApplication() throws IOException {
        Set<String> known = new TreeSet<>(metadataProperties());
        PropertySource<?> yaml = applicationYaml();
        known.addAll(Set.of(((MapPropertySource) yaml).getPropertyNames()));
        known.add(BizMasterHome.PROPERTY);
        Map<String, String> image = imageEnvironment();
        assertThat(image).as("the image's environment").containsKeys("BIZMASTER_HOME", "SERVER_ADDRESS", "SERVER_PORT");
        for (String bizmaster : List.of("bizmaster-1", "bizmaster-2")) {
            // What the container gets: the image's ENV, then the service's environment over it.
            Map<String, String> env = new LinkedHashMap<>(image);
            env.putAll(environment(bizmaster));
            ConfigurationPropertySource source = ConfigurationPropertySource.from(
                    new SystemEnvironmentPropertySource(
                            StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Collections.unmodifiableMap(new LinkedHashMap<>(env))));
            Binder binder = new Binder(source);
            Map<String, StoreProperties> stores = binder.bind("bizmaster.stores",
                    Bindable.mapOf(String.class, StoreProperties.class)).orElse(Map.of());
            Set<String> names = new HashSet<>(known);
            stores.forEach((store, p) -> {
                names.addAll(List.of("bizmaster.stores." + store + ".role", "bizmaster.stores." + store + ".converter",
                        "bizmaster.stores." + store + ".connector"));
                p.options().keySet().forEach(k -> names.add("bizmaster.stores." + store + ".options." + k));
            });
            Set<String> read = new HashSet<>();
            for (String name : names) {
                if (!ConfigurationPropertyName.isValid(name)) {
                    continue;
                }
                ConfigurationProperty property = source.getConfigurationProperty(ConfigurationPropertyName.of(name));
                if (property != null && property.getOrigin() instanceof PropertySourceOrigin origin) {
                    read.add(origin.getPropertyName());
                }
            }
            assertThat(read).as("%s: the variables the application reads", bizmaster).containsAll(env.keySet());
            BrokerProperties broker = binder.bind("bizmaster.broker", BrokerProperties.class).get();
            assertThat(broker.embedded()).as("%s uses the pair, not an embedded broker", bizmaster).isFalse();
            assertThat(stores.get("cache").connector()).isEqualTo("redis");
            assertThat(stores.get("cache").options()).containsEntry("host", "redis");
            assertThat(stores.get("modern").options().get("url")).startsWith("jdbc:mariadb://mariadb:3306/");
            assertThat(env).as("no password in the file: secrets").noneSatisfy((k, v) ->
                    assertThat(k).containsIgnoringCase("PASSWORD"));
            assertThat(env.get("SPRING_CONFIG_IMPORT")).isEqualTo("optional:configtree:/run/secrets/bizmaster/");
            for (String target : secretTargets(bizmaster).keySet()) {
                String property = target.substring("/run/secrets/bizmaster/".length());
                Matcher option = Pattern.compile("bizmaster\\.stores\\.([a-z0-9-]+)\\.options\\.([a-z-]+)").matcher(property);
                if (option.matches()) {
                    // A store's password: a secret option of the store's connector (jdbc for the demo's stores).
                    assertThat(stores.get(option.group(1))).as("%s: the store of the secret %s", bizmaster, property).isNotNull();
                    assertThat(stores.get(option.group(1)).connector()).isEqualTo("jdbc");
                    assertThat(new JdbcConnector().options()).as("%s: the secret %s", bizmaster, property)
                            .anyMatch(o -> o.name().equals(option.group(2)) && o.secret());
                } else {
                    assertThat(names).as("%s: the secret %s names a property", bizmaster, property).contains(property);
                }
            }
        }
    }

    @Test
    void theImageRunsTheBuiltJarAsAnOrdinaryUserWithAHealthCheckOnAPublicPath() throws IOException {
        String pom = Files.readString(ROOT.resolve("pom.xml"));
        Matcher finalName = Pattern.compile("<finalName>([^<]+)</finalName>").matcher(pom);
        assertThat(finalName.find()).isTrue();
        String jar = "target/" + finalName.group(1) + ".jar";
        assertThat(dockerfile).as("the Dockerfile copies the jar the build makes").anyMatch(l -> l.matches("COPY " + jar + " .*"));
        assertThat(dockerfile).anyMatch(l -> l.startsWith("FROM ") && l.contains("17"));
        List<String> users = dockerfile.stream().filter(l -> l.startsWith("USER ")).toList();
        assertThat(users).as("one USER, not root").hasSize(1);
        assertThat(users.get(0).substring(5).trim()).isNotIn("root", "0");
        int userLine = dockerfile.indexOf(users.get(0));
        int entrypoint = indexOf("ENTRYPOINT ");
        assertThat(userLine).as("the user is set before the entry point").isLessThan(entrypoint);
        assertThat(dockerfile).contains("VOLUME /app/data");
        String health = String.join("\n", dockerfile.subList(indexOf("HEALTHCHECK "), dockerfile.size()));
        Matcher path = Pattern.compile("http://127\\.0\\.0\\.1:(\\d+)(/[^ ]*)").matcher(health);
        assertThat(path.find()).as("the health check calls BizMaster over HTTP").isTrue();
        int serverPort = Integer.parseInt(String.valueOf(applicationYaml().getProperty("server.port")));
        assertThat(Integer.parseInt(path.group(1))).isEqualTo(serverPort);
        // What SecurityConfiguration lets anyone GET: the health check has no credentials.
        String security = Files.readString(ROOT.resolve("src/main/java/io/bizmaster/security/SecurityConfiguration.java"));
        Matcher publicPaths = Pattern.compile("requestMatchers\\(HttpMethod\\.GET,([^)]*)\\)\\.permitAll\\(\\)").matcher(security);
        assertThat(publicPaths.find()).isTrue();
        assertThat(publicPaths.group(1)).as("the health check's path is public").contains("\"" + path.group(2) + "\"");
        assertThat(path.group(2)).isEqualTo("/actuator/health/liveness");
    }

    /** The Dockerfile's ENV instructions ({@code NAME=value}, continued with a backslash). */
    private static Map<String, String> imageEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        for (int i = 0; i < dockerfile.size(); i++) {
            if (!dockerfile.get(i).startsWith("ENV ")) {
                continue;
            }
            StringBuilder instruction = new StringBuilder(dockerfile.get(i).substring(4));
            while (instruction.toString().endsWith("\\")) {
                instruction.setLength(instruction.length() - 1);
                instruction.append(' ').append(dockerfile.get(++i).trim());
            }
            for (String assignment : instruction.toString().trim().split("\\s+")) {
                String[] parts = assignment.split("=", 2);
                assertThat(parts).as("ENV %s is NAME=value", assignment).hasSize(2);
                env.put(parts[0], parts[1]);
            }
        }
        return env;
    }

    private static int indexOf(String prefix) {
        for (int i = 0; i < dockerfile.size(); i++) {
            if (dockerfile.get(i).startsWith(prefix)) {
                return i;
            }
        }
        throw new AssertionError("the Dockerfile has no " + prefix.trim());
    }

    /** The container side of each published port ({@code [host:]published:container}). */
    private static List<Integer> containerPorts(String service) {
        List<Integer> ports = new ArrayList<>();
        for (Object port : list(service(service).get("ports"))) {
            String[] parts = String.valueOf(port).split(":");
            ports.add(Integer.parseInt(parts[parts.length - 1]));
        }
        return ports;
    }

    /** Bind mounts of files of the project: container path to the path in the repository. */
    private static Map<String, String> mounts(String service) {
        Map<String, String> mounts = new LinkedHashMap<>();
        for (Object volume : list(service(service).get("volumes"))) {
            String[] parts = String.valueOf(volume).split(":");
            if (parts[0].startsWith("./")) {
                mounts.put(parts[1], parts[0].substring(2));
            }
        }
        return mounts;
    }

    private static List<String> volumeTargets(String service) {
        return list(service(service).get("volumes")).stream().map(v -> String.valueOf(v).split(":")).filter(p -> !p[0].startsWith("./"))
                .map(p -> p[1]).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> secretTargets(String service) {
        Map<String, String> targets = new LinkedHashMap<>();
        for (Object secret : list(service(service).get("secrets"))) {
            if (secret instanceof Map<?, ?> map) {
                targets.put(String.valueOf(map.get("target")), String.valueOf(map.get("source")));
            } else {
                targets.put("/run/secrets/" + secret, String.valueOf(secret));
            }
        }
        return targets;
    }

    private static List<String> command(String service) {
        return list(service(service).get("command")).stream().map(String::valueOf).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> environment(String service) {
        Map<String, String> env = new LinkedHashMap<>();
        ((Map<String, Object>) service(service).get("environment")).forEach((k, v) -> env.put(k, String.valueOf(v)));
        return env;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> service(String name) {
        Map<String, Object> service = (Map<String, Object>) services.get(name);
        assertThat(service).as("service %s", name).isNotNull();
        return service;
    }

    private static List<?> list(Object value) {
        return value == null ? List.of() : (List<?>) value;
    }

    private static Properties properties(String file) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(ROOT.resolve(file))) {
            properties.load(in);
        }
        return properties;
    }

    /** {@code ${name:default}}'s default: what a container gets. */
    private static String defaultOf(String value) {
        Matcher placeholder = Pattern.compile("\\$\\{[^:}]+:([^}]*)}").matcher(value == null ? "" : value);
        return placeholder.matches() ? placeholder.group(1) : value;
    }

    private static PropertySource<?> applicationYaml() throws IOException {
        return new YamlPropertySourceLoader().load("application", new FileSystemResource(
                ROOT.resolve("src/main/resources/application.yaml"))).get(0);
    }

    /** Every property named in the configuration metadata of the jars on the classpath (Spring Boot's, Camel's...). */
    private static Set<String> metadataProperties() throws IOException {
        Set<String> names = new HashSet<>();
        ObjectMapper json = new ObjectMapper();
        for (String file : List.of("META-INF/spring-configuration-metadata.json",
                "META-INF/additional-spring-configuration-metadata.json")) {
            for (URL url : Collections.list(ContainerConfigTest.class.getClassLoader().getResources(file))) {
                try (InputStream in = url.openStream()) {
                    for (JsonNode property : json.readTree(in).path("properties")) {
                        names.add(property.path("name").asString());
                    }
                }
            }
        }
        return names;
    }
}
