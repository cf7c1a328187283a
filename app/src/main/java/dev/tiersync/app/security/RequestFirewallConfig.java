package dev.tiersync.app.security;

import dev.tiersync.app.api.ProblemErrorReportValve;
import dev.tiersync.app.api.ProblemWriter;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * Request URLs that could reach outside the API are refused twice over, each time with a problem
 * document: Tomcat refuses encoded {@code /}, {@code \} and NUL (answered by {@link
 * ProblemErrorReportValve} instead of its HTML page), and Spring Security's strict firewall refuses
 * {@code ;}, encoded dots, {@code //} and other normalisation tricks.
 */
@Configuration
class RequestFirewallConfig {

  @Bean
  WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorPages() {
    return factory ->
        factory.addContextCustomizers(
            context -> {
              if (context.getParent() instanceof org.apache.catalina.core.StandardHost host) {
                host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
              }
            });
  }

  @Bean
  RequestRejectedHandler problemForRejectedUrls(ProblemWriter problems) {
    return (request, response, rejected) ->
        problems.write(
            response, HttpStatus.BAD_REQUEST, null,
            "the request URL is refused: it contains a sequence (';', an encoded '.', '//' or similar) that could"
                + " reach outside the API");
  }
}
