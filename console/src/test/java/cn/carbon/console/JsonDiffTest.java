package cn.carbon.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static cn.carbon.console.JsonDiff.Kind.ADDED;
import static cn.carbon.console.JsonDiff.Kind.CHANGED;
import static cn.carbon.console.JsonDiff.Kind.REMOVED;
import static org.assertj.core.api.Assertions.assertThat;

class JsonDiffTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    @Test
    void theSameDocumentHasNoDifference() throws Exception {
        String doc = "{\"id\":\"CN-ETS-2023\",\"years\":[2023],\"benchmarks\":{\"COAL\":{\"value\":0.8218}}}";
        assertThat(JsonDiff.between(json(doc), json(doc))).isEmpty();
    }

    @Test
    void aChangedNestedValueIsNamedByItsPathWithOldAndNew() throws Exception {
        var changes = JsonDiff.between(json("{\"version\":1,\"benchmarks\":{\"COAL\":{\"value\":0.8218,\"confirmed\":false}}}"),
                json("{\"version\":2,\"benchmarks\":{\"COAL\":{\"value\":0.8177,\"confirmed\":false}}}"));
        assertThat(changes).containsExactly(
                new JsonDiff.Change("benchmarks.COAL.value", CHANGED, "0.8218", "0.8177"),
                new JsonDiff.Change("version", CHANGED, "1", "2"));
    }

    @Test
    void addedAndRemovedPathsCarryOnlyTheirOneValue() throws Exception {
        var changes = JsonDiff.between(json("{\"a\":\"x\",\"old\":true}"), json("{\"a\":\"x\",\"new\":{\"note\":\"加\"}}"));
        assertThat(changes).containsExactly(
                new JsonDiff.Change("new.note", ADDED, null, "加"),
                new JsonDiff.Change("old", REMOVED, "true", null));
    }

    @Test
    void arraysAreComparedByPosition() throws Exception {
        var changes = JsonDiff.between(json("{\"years\":[2021,2022]}"), json("{\"years\":[2021,2023,2024]}"));
        assertThat(changes).containsExactly(
                new JsonDiff.Change("years[1]", CHANGED, "2022", "2023"),
                new JsonDiff.Change("years[2]", ADDED, null, "2024"));
    }

    @Test
    void emptiedListsAndObjectsAndTypeChangesShow() throws Exception {
        var changes = JsonDiff.between(json("{\"list\":[1],\"map\":{\"k\":1},\"v\":{\"x\":1}}"),
                json("{\"list\":[],\"map\":{},\"v\":5}"));
        assertThat(changes).containsExactly(
                new JsonDiff.Change("list", ADDED, null, "[]"),
                new JsonDiff.Change("list[0]", REMOVED, "1", null),
                new JsonDiff.Change("map", ADDED, null, "{}"),
                new JsonDiff.Change("map.k", REMOVED, "1", null),
                new JsonDiff.Change("v", ADDED, null, "5"),
                new JsonDiff.Change("v.x", REMOVED, "1", null));
    }

    @Test
    void nullsStringsAndNumbersOfOneValue() throws Exception {
        var changes = JsonDiff.between(json("{\"a\":null,\"b\":\"1\",\"c\":1.0,\"d\":10}"),
                json("{\"a\":\"2024-12-31\",\"b\":1,\"c\":1,\"d\":10.00}"));
        assertThat(changes).containsExactly(
                new JsonDiff.Change("a", CHANGED, "null", "2024-12-31"),
                new JsonDiff.Change("b", CHANGED, "1", "1"));
    }

    @Test
    void aMissingDocumentMakesEveryLeafAddedOrRemoved() throws Exception {
        assertThat(JsonDiff.between(null, json("{\"a\":1}")))
                .containsExactly(new JsonDiff.Change("a", ADDED, null, "1"));
        assertThat(JsonDiff.between(json("[1]"), JSON.missingNode()))
                .containsExactly(new JsonDiff.Change("[0]", REMOVED, "1", null));
    }
}
