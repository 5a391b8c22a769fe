package io.bizmaster.convert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bizmaster.command.SequencedCommand;
import io.bizmaster.store.ConverterRef;
import io.bizmaster.store.jdbc.StoreSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

class ConverterRegistryTest {

    @TempDir
    Path dir;

    record JavaConverter(ConverterRef ref) implements BConverter {
        @Override
        public boolean handles(String commandType) {
            return false;
        }

        @Override
        public void apply(SequencedCommand command, StoreSession session) {
        }
    }

    private void write(String relative, String text) throws IOException {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    @Test
    void findsTheDemoConvertersAndJavaOnes() {
        JavaConverter audit = new JavaConverter(ConverterRef.parse("audit@3"));
        ConverterRegistry registry = new ConverterRegistry(Path.of("converters"), List.of(audit));

        assertThat(registry.available()).extracting(ConverterRef::toString).containsExactly("audit@3", "backoffice@1", "cache@1",
                "crmstore@1", "legacy@1", "modern@1", "modern@2", "shopstore@1", "storefront@1");
        assertThat(registry.get("audit@3")).isSameAs(audit);
        BConverter modern = registry.get(ConverterRef.parse("modern@2"));
        assertThat(modern.ref()).isEqualTo(ConverterRef.parse("modern@2"));
        assertThat(registry.get("modern@2")).isSameAs(modern);
        assertThat(registry.schemaDirectory("modern")).isEqualTo(Path.of("converters", "modern", "schema"));
    }

    @Test
    void anUnknownRefListsTheAvailableOnes() {
        ConverterRegistry registry = new ConverterRegistry(Path.of("converters"), List.of());
        assertThatThrownBy(() -> registry.get("modern@3"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown converter modern@3; available: backoffice@1, cache@1, crmstore@1, legacy@1, "
                        + "modern@1, modern@2, shopstore@1, storefront@1");
    }

    @Test
    void aBrokenFileStopsStartUp() throws IOException {
        write("shop/v1.yaml", "converter: shop\nversion: 1\non:\n  x.y:\n    - delete: T\n      key: {ID: kee}\n");
        assertThatThrownBy(() -> new ConverterRegistry(dir, List.of()))
                .isInstanceOf(io.bizmaster.definition.DefinitionException.class)
                .hasMessageContaining("v1.yaml:6: on['x.y'][0].key.ID: unknown name 'kee'");
    }

    @Test
    void aVersionAddedLaterIsFoundOnFirstUse() throws IOException {
        write("shop/v1.yaml", "converter: shop\nversion: 1\non: {}\n");
        write("shop/schema/V1__shop.sql", "CREATE TABLE T (ID VARCHAR(10) PRIMARY KEY);\n");
        write("shop/notes.txt", "not a converter");
        ConverterRegistry registry = new ConverterRegistry(dir, List.of());
        assertThat(registry.available()).extracting(ConverterRef::toString).containsExactly("shop@1");

        write("shop/v2.yaml", "converter: shop\nversion: 2\non: {}\n");
        assertThat(registry.get("shop@2").ref().version()).isEqualTo(2);
        assertThat(registry.available()).extracting(ConverterRef::toString).containsExactly("shop@1", "shop@2");
    }

    @Test
    void aRefClaimedTwiceIsRefused() throws IOException {
        write("shop/v1.yaml", "converter: shop\nversion: 1\non: {}\n");
        JavaConverter shop = new JavaConverter(ConverterRef.parse("shop@1"));
        assertThatThrownBy(() -> new ConverterRegistry(dir, List.of(shop)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("shop@1 is both a Java converter");
        JavaConverter other = new JavaConverter(ConverterRef.parse("other@1"));
        assertThatThrownBy(() -> new ConverterRegistry(dir, List.of(other, other)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("two Java converters claim other@1");
    }

    @Test
    void missingFoldersAreReportedClearly() {
        assertThatThrownBy(() -> new ConverterRegistry(dir.resolve("nope"), List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not exist");
        assertThatThrownBy(() -> StoreSchema.migrate(new DriverManagerDataSource("jdbc:h2:mem:unused"), dir.resolve("nope")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("schema folder").hasMessageContaining("does not exist");
    }
}
