package cn.carbon.platform.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ControlCharactersTest {

    @Test
    void nulAndEscapesAreFoundEverywhere() {
        assertThat(ControlCharacters.find("abc\u0000", true)).isEqualTo(3);
        assertThat(ControlCharacters.inBody("\u001b[2J")).isTrue();
        assertThat(ControlCharacters.inParameter("DEL\u007f")).isTrue();
    }

    @Test
    void bodiesKeepTabsAndLineBreaksParametersDoNot() {
        assertThat(ControlCharacters.inBody("第一行\r\n第二行\t附注")).isFalse();
        assertThat(ControlCharacters.inParameter("a\tb")).isTrue();
        assertThat(ControlCharacters.inParameter("江苏 320000")).isFalse();
        assertThat(ControlCharacters.find(null, false)).isEqualTo(-1);
    }

    @Test
    void requestBodiesAreCheckedTheSharedMapperIsNot() throws Exception {
        ObjectMapper shared = new ObjectMapper();
        ObjectMapper bodies = new ControlCharacterJson(shared).mapper();
        String withEscape = "{\"name\":\"a\\u0001b\",\"notes\":[\"ok\",\"x\\u001b[2J\"]}";
        assertThatThrownBy(() -> bodies.readTree(withEscape))
                .isInstanceOf(ControlCharacterJson.ControlCharacterException.class)
                .hasMessageContaining(ControlCharacters.MESSAGE);
        assertThatThrownBy(() -> bodies.readValue(withEscape, Map.class))
                .isInstanceOf(ControlCharacterJson.ControlCharacterException.class);
        assertThat(bodies.readTree("{\"note\":\"第一行\\n第二行\\t附注\"}").path("note").asText()).contains("\t");
        // events, stored documents: read as written
        JsonNode plain = shared.readTree(withEscape);
        assertThat(plain.path("name").asText()).isEqualTo("a\u0001b");
        assertThat(shared.readValue(withEscape, Map.class).get("name")).isEqualTo("a\u0001b");
    }
}
