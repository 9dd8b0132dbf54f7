package cn.carbon.console;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/** A pre-allocation or verification run as the job page shows it. */
public final class Jobs {

    private Jobs() {
    }

    public record Error(String uscc, Integer year, String message) {
    }

    public record View(String id, String kind, String status, int done, int total, int percent, boolean finished,
                       int failed, int instructions, int obligations, String message, List<Error> errors) {
    }

    public static View of(JsonNode job) {
        String status = job.path("status").asText();
        boolean finished = !status.equals("QUEUED") && !status.equals("RUNNING");
        int total = job.path("total").asInt();
        int done = job.path("done").asInt();
        List<Error> errors = new ArrayList<>();
        for (JsonNode e : job.path("errors")) {
            errors.add(new Error(e.path("uscc").asText(""), e.hasNonNull("year") ? e.path("year").asInt() : null,
                    e.path("message").asText(e.path("reason").asText(""))));
        }
        return new View(job.path("id").asText(), job.path("kind").asText(), status, done, total,
                percent(job.path("progress").asDouble(), done, total, finished), finished, job.path("failed").asInt(),
                job.path("instructions").asInt(), job.path("obligations").asInt(), job.path("message").asText(""),
                errors);
    }

    /** The bar: a finished run is at 100 % whatever it counted; else the service's progress (0–1), else done/total. */
    static int percent(double progress, int done, int total, boolean finished) {
        if (finished) {
            return 100;
        }
        double share = progress > 0 ? progress : total == 0 ? 0 : (double) done / total;
        return (int) Math.max(0, Math.min(99, Math.floor(share * 100)));
    }
}
