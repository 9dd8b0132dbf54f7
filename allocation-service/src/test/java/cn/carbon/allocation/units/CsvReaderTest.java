package cn.carbon.allocation.units;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CsvReaderTest {

    static List<List<String>> read(String csv) throws IOException {
        CsvReader r = new CsvReader(new StringReader(csv));
        List<List<String>> out = new ArrayList<>();
        List<String> rec;
        while ((rec = r.next()) != null) {
            out.add(rec);
        }
        return out;
    }

    @Test
    void readsPlainAndQuotedFieldsWithLfOrCrlf() throws IOException {
        assertThat(read("a,b,c\r\n1,\"x,y\",\"say \"\"hi\"\"\"\n,,\n")).containsExactly(
                List.of("a", "b", "c"), List.of("1", "x,y", "say \"hi\""), List.of("", "", ""));
    }

    @Test
    void aLastRecordWithoutNewlineAndBlankLines() throws IOException {
        assertThat(read("a,b\n\n1,2")).containsExactly(List.of("a", "b"), List.of(), List.of("1", "2"));
    }

    @Test
    void anUnclosedQuoteIsAnError() {
        assertThatThrownBy(() -> read("a,\"b\n")).isInstanceOf(IOException.class).hasMessageContaining("not closed");
    }
}
