package dev.hixai2api.hix;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * A start stopped by the model table says so in Spring Boot's "APPLICATION FAILED TO START" block, every problem
 * with its file and line, rather than at the end of a bean-creation stack trace.
 */
public class ModelTableFailureAnalyzer extends AbstractFailureAnalyzer<ModelTableException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, ModelTableException cause) {
        return new FailureAnalysis(cause.getMessage(), "Correct the models file (models.yaml beside the routes "
                + "folder, or MODELS_FILE) or MODEL_MAPPING as the lines above say (README, \"Models\"), then start "
                + "again.", cause);
    }
}
