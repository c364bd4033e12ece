package dev.frontdoor.support.problem;

import java.util.Map;

/** Thrown by services to answer with a specific problem; never carries a cause into the response. */
public class ProblemException extends RuntimeException {

    private final transient Problem problem;
    private final transient Map<String, String> headers;

    public ProblemException(Problem problem) {
        this(problem, Map.of());
    }

    public ProblemException(Problem problem, Map<String, String> headers) {
        super(problem.title(), null, false, false);
        this.problem = problem;
        this.headers = Map.copyOf(headers);
    }

    public static ProblemException of(int status, String title, String detail) {
        return new ProblemException(Problem.of(status, title, detail));
    }

    public Problem problem() {
        return problem;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
