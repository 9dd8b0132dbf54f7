package cn.carbon.platform.web;

import java.util.List;

/** A page of a list (API.md: lists are paged with page, size and a total). */
public record Page<T>(List<T> items, int page, int size, long total) {

    public static final int MAX_SIZE = 500;
    /** Far beyond any list of the market; keeps {@code page * size} (the offset) inside an int. */
    public static final int MAX_PAGE = 1_000_000;

    public static int checkedSize(int size) {
        if (size < 1 || size > MAX_SIZE) {
            throw ProblemException.invalid("size", "must be between 1 and " + MAX_SIZE);
        }
        return size;
    }

    public static int checkedPage(int page) {
        if (page < 0 || page > MAX_PAGE) {
            throw ProblemException.invalid("page", "must be between 0 and " + MAX_PAGE);
        }
        return page;
    }
}
