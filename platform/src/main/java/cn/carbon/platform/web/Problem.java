package cn.carbon.platform.web;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * An RFC 9457 problem. {@code type} is stable and documented; {@code errors} names each bad field or row.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, String instance, String requestId,
                      List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final String TYPE_BASE = "https://carbon.example/problems/";

    /** A bad field of a body, or a bad cell of an upload ({@code row} from 1 for the first data row). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FieldError(Integer row, String field, String message) {

        public static FieldError field(String field, String message) {
            return new FieldError(null, field, message);
        }

        public static FieldError cell(int row, String column, String message) {
            return new FieldError(row, column, message);
        }
    }
}
