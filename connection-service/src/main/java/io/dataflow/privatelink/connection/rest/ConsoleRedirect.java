package io.dataflow.privatelink.connection.rest;

import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** {@code /console} without the slash: the page's relative links need the folder form. */
@ApplicationScoped
public class ConsoleRedirect {

    void routes(@Observes Router router) {
        // A regular expression: a plain path would also match "/console/" and redirect it to itself.
        router.getWithRegex("/console").order(-10).handler(ctx ->
                ctx.response().setStatusCode(302).putHeader("Location", "/console/").end());
    }
}
