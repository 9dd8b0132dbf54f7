package cn.carbon.allocation.entity;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class UsccTest {

    @ParameterizedTest
    @ValueSource(strings = {"91110000MA0000011M", "91320000MA0000033F", "91440000MA0000077Y", "91350100M000100Y43"})
    void acceptsCodesWithTheirCheckCharacter(String code) {
        assertThat(Uscc.problem(code)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
            "91110000MA0000011N, check character",
            "91110000MA000001, 18 characters",
            "91110000MA0000O11M, is not allowed",
            "9111A000MA0000011M, administrative division",
            "91110000ma0000011m, is not allowed"})
    void namesWhatIsWrong(String code, String expected) {
        assertThat(Uscc.problem(code)).get().asString().contains(expected);
    }

    @org.junit.jupiter.api.Test
    void everyWrongCheckCharacterIsCaught() {
        String body = "91320000MA0000033";
        long accepted = "0123456789ABCDEFGHJKLMNPQRTUWXY".chars()
                .filter(c -> Uscc.isValid(body + (char) c)).count();
        assertThat(accepted).isEqualTo(1);
    }
}
