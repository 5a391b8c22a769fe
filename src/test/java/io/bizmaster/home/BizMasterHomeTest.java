package io.bizmaster.home;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * Where the home is found, in order, and what resolving the configuration against it changes: the relative paths of
 * BizMaster's files, the route pattern and H2 file URLs; never an absolute path, another database's URL, or anything
 * at all when no home is set.
 */
class BizMasterHomeTest {

    private static final Function<String, String> NONE = name -> null;

    @TempDir
    Path folder;

    @Test
    void theHomeIsGivenOrFoundInTheWorkingFolderTheJarsFolderOrItsParent() throws Exception {
        Path project = home(folder.resolve("project"));
        Path target = Files.createDirectories(project.resolve("target"));
        Path elsewhere = Files.createDirectories(folder.resolve("elsewhere"));
        Path other = home(folder.resolve("other"));

        assertThat(BizMasterHome.find(other, Optional.of(target))).as("the working folder first").isEqualTo(other);
        assertThat(BizMasterHome.find(elsewhere, Optional.of(target))).as("the jar's folder's parent").isEqualTo(project);
        assertThat(BizMasterHome.find(elsewhere, Optional.of(project))).as("the jar's own folder").isEqualTo(project);
        assertThat(BizMasterHome.find(elsewhere, Optional.empty())).as("no jar: the working folder").isEqualTo(elsewhere);
        assertThat(BizMasterHome.find(elsewhere, Optional.of(elsewhere))).as("nothing found: the working folder").isEqualTo(elsewhere);

        Function<String, String> property = Map.of(BizMasterHome.PROPERTY, other.toString())::get;
        Function<String, String> variable = Map.of(BizMasterHome.VARIABLE, project.toString())::get;
        assertThat(BizMasterHome.resolve(elsewhere, property, variable, other, Optional.empty())).as("--home first").isEqualTo(elsewhere);
        assertThat(BizMasterHome.resolve(null, property, variable, elsewhere, Optional.empty())).isEqualTo(other);
        assertThat(BizMasterHome.resolve(null, NONE, variable, elsewhere, Optional.empty())).isEqualTo(project);
        assertThat(BizMasterHome.resolve(null, NONE, NONE, elsewhere, Optional.of(target))).isEqualTo(project);

        Path file = Files.writeString(folder.resolve("a-file"), "x");
        assertThatThrownBy(() -> BizMasterHome.resolve(folder.resolve("nosuch"), NONE, NONE, elsewhere, Optional.empty()))
                .hasMessage("--home " + folder.resolve("nosuch") + ": no such folder");
        assertThatThrownBy(() -> BizMasterHome.resolve(null, NONE, Map.of(BizMasterHome.VARIABLE, file.toString())::get, elsewhere,
                Optional.empty())).hasMessage("BIZMASTER_HOME " + file + ": not a folder");
    }

    @Test
    void theConfigurationsRelativePathsResolveFromTheHome() {
        Path home = folder.toAbsolutePath();
        StandardEnvironment environment = environment(Map.ofEntries(
                Map.entry("bizmaster.home", home.toString()),
                Map.entry("bizmaster.domains.crm.catalog", "domains/crm/catalog.yaml"),
                Map.entry("bizmaster.domains.crm.publications", "domains/crm/publications.yaml"),
                Map.entry("bizmaster.forwarding", "domains/forwarding.yaml"),
                Map.entry("bizmaster.broker.config", "artemis/broker.xml"),
                Map.entry("bizmaster.broker.data-dir", "/var/lib/bizmaster/artemis"),
                Map.entry("bizmaster.converters-dir", "converters"),
                Map.entry("bizmaster.security.users.grafana.password-file", "secrets/grafana"),
                Map.entry("camel.main.routes-include-pattern", "file:routes/*.camel.yaml,classpath:more/*.yaml"),
                Map.entry("spring.datasource.url", "jdbc:h2:file:./data/bizmaster;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0"),
                Map.entry("bizmaster.stores.modern2.options.url", "jdbc:h2:file:../shared/modern2"),
                Map.entry("bizmaster.stores.pg.options.url", "jdbc:postgresql://127.0.0.1:5432/test"),
                Map.entry("bizmaster.stores.abs.options.url", "jdbc:h2:file:/srv/h2/abs")));
        new HomeEnvironmentPostProcessor(supplier -> supplier.get()).postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("bizmaster.broker.config")).isEqualTo(home.resolve("artemis/broker.xml").toString());
        assertThat(environment.getProperty("bizmaster.broker.data-dir")).as("absolute: as it was").isEqualTo("/var/lib/bizmaster/artemis");
        assertThat(environment.getProperty("bizmaster.converters-dir")).isEqualTo(home.resolve("converters").toString());
        assertThat(environment.getProperty("bizmaster.domains.crm.catalog")).isEqualTo(home.resolve("domains/crm/catalog.yaml").toString());
        assertThat(environment.getProperty("bizmaster.domains.crm.publications"))
                .isEqualTo(home.resolve("domains/crm/publications.yaml").toString());
        assertThat(environment.getProperty("bizmaster.forwarding")).isEqualTo(home.resolve("domains/forwarding.yaml").toString());
        assertThat(environment.getProperty("bizmaster.security.users.grafana.password-file"))
                .isEqualTo(home.resolve("secrets/grafana").toString());
        assertThat(environment.getProperty("camel.main.routes-include-pattern"))
                .isEqualTo("file:" + home.resolve("routes") + "/*.camel.yaml,classpath:more/*.yaml");
        assertThat(environment.getProperty("spring.datasource.url"))
                .isEqualTo("jdbc:h2:file:" + home.resolve("data/bizmaster") + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0");
        assertThat(environment.getProperty("bizmaster.stores.modern2.options.url"))
                .isEqualTo("jdbc:h2:file:" + home.getParent().resolve("shared/modern2"));
        assertThat(environment.getProperty("bizmaster.stores.pg.options.url")).isEqualTo("jdbc:postgresql://127.0.0.1:5432/test");
        assertThat(environment.getProperty("bizmaster.stores.abs.options.url")).isEqualTo("jdbc:h2:file:/srv/h2/abs");
    }

    @Test
    void withoutAHomeNothingChangesAndAHomeThatIsNoFolderStopsTheStart() {
        StandardEnvironment environment = environment(Map.of("bizmaster.converters-dir", "converters"));
        new HomeEnvironmentPostProcessor(supplier -> supplier.get()).postProcessEnvironment(environment, new SpringApplication());
        assertThat(environment.getProperty("bizmaster.converters-dir")).isEqualTo("converters");
        assertThat(environment.getPropertySources().contains(HomeEnvironmentPostProcessor.SOURCE)).isFalse();

        StandardEnvironment nowhere = environment(Map.of("bizmaster.home", folder.resolve("nosuch").toString()));
        assertThatThrownBy(() -> new HomeEnvironmentPostProcessor(supplier -> supplier.get())
                .postProcessEnvironment(nowhere, new SpringApplication()))
                .hasMessageStartingWith("bizmaster.home " + folder.resolve("nosuch") + " is not a folder");
    }

    private static StandardEnvironment environment(Map<String, Object> settings) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", settings));
        return environment;
    }

    private static Path home(Path folder) throws Exception {
        Files.createDirectories(folder.resolve("artemis"));
        Files.writeString(folder.resolve("artemis/broker.xml"), "<configuration/>");
        return folder.toAbsolutePath();
    }
}
