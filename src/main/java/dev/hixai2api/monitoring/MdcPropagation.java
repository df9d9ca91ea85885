package dev.hixai2api.monitoring;

import java.util.Map;

import org.slf4j.MDC;
import org.springframework.stereotype.Component;

/**
 * A stream's attempts run on an answer thread of their own (StreamKeepalive): the request id the servlet filter
 * put in the MDC travels with the task, so the route's log lines carry it too. Deliberately not a Spring
 * {@code TaskDecorator}: Spring Boot would apply that to the request executor, whose tasks are Tomcat's socket
 * events, started with an empty MDC and given the request id by {@link RequestIdFilter}.
 */
@Component
public class MdcPropagation {

    /** The task, run with the calling thread's MDC and leaving the running thread's MDC as it found it. */
    public Runnable wrap(Runnable task) {
        Map<String, String> context = MDC.getCopyOfContextMap();
        return () -> {
            Map<String, String> previous = MDC.getCopyOfContextMap();
            if (context == null) {
                MDC.clear();
            } else {
                MDC.setContextMap(context);
            }
            try {
                task.run();
            } finally {
                if (previous == null) {
                    MDC.clear();
                } else {
                    MDC.setContextMap(previous);
                }
            }
        };
    }
}
