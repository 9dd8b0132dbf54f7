package cn.carbon.platform.web;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

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
}
