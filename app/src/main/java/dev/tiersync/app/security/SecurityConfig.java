package dev.tiersync.app.security;

import dev.tiersync.app.api.ProblemWriter;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Bearer-token authentication (RFC 6750) on every {@code /api/**} route and every actuator
 * endpoint but health. The UI's static files are public: they hold no data.
 *
 * <p>The token goes in {@code Authorization: Bearer <token>}. Browsers cannot set that header on
 * an {@code EventSource} or a plain download link, so those GET routes (the SSE stream, the patch
 * bundle and the diff download) also accept it as the {@code access_token} query parameter.
 *
 * <p>Sessions, cookies and CSRF protection are off: no request is authenticated by anything a
 * browser sends on its own, so there is no ambient credential for a cross-site request to ride on.
 */
@Configuration
class SecurityConfig {
  /** GET routes a browser opens without being able to add a header. */
  static final List<String> QUERY_TOKEN_ROUTES =
      List.of("/api/v1/sync/events", "/api/v1/sync/patches/*/bundle", "/api/v1/artifacts/*/diff/download");

  @Bean
  SecurityFilterChain apiSecurity(HttpSecurity http, ApiTokens tokens, ProblemWriter problems) throws Exception {
    AuthenticationManager byToken =
        authentication -> {
          String token = ((BearerTokenAuthenticationToken) authentication).getToken();
          String principal =
              tokens.principalOf(token).orElseThrow(() -> new InvalidBearerTokenException("the API token is not valid"));
          return UsernamePasswordAuthenticationToken.authenticated(principal, null, List.of());
        };
    AuthenticationEntryPoint entryPoint = (request, response, e) -> refuse(problems, response, e);
    http.securityMatcher("/api/**", "/actuator/**")
        .authorizeHttpRequests(
            a -> a.requestMatchers("/actuator/health", "/actuator/health/**").permitAll().anyRequest().authenticated())
        .oauth2ResourceServer(
            o -> o.authenticationManagerResolver(request -> byToken)
                    .bearerTokenResolver(tokenResolver())
                    .authenticationEntryPoint(entryPoint))
        .exceptionHandling(e -> e.authenticationEntryPoint(entryPoint))
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .csrf(AbstractHttpConfigurer::disable)
        .requestCache(AbstractHttpConfigurer::disable)
        .logout(AbstractHttpConfigurer::disable)
        .anonymous(AbstractHttpConfigurer::disable);
    return http.build();
  }

  private static BearerTokenResolver tokenResolver() {
    DefaultBearerTokenResolver headerOnly = new DefaultBearerTokenResolver();
    DefaultBearerTokenResolver headerOrQuery = new DefaultBearerTokenResolver();
    headerOrQuery.setAllowUriQueryParameter(true);
    RequestMatcher queryRoutes =
        new OrRequestMatcher(
            QUERY_TOKEN_ROUTES.stream()
                .map(p -> (RequestMatcher) PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.GET, p))
                .toList());
    return request -> (queryRoutes.matches(request) ? headerOrQuery : headerOnly).resolve(request);
  }

  private static void refuse(
      ProblemWriter problems, jakarta.servlet.http.HttpServletResponse response, AuthenticationException e)
      throws java.io.IOException {
    if (e instanceof OAuth2AuthenticationException o && OAuth2ErrorCodes.INVALID_REQUEST.equals(o.getError().getErrorCode())) {
      // A malformed Authorization header, or a token sent twice (header and query).
      problems.write(response, HttpStatus.BAD_REQUEST, "Authorization", o.getError().getDescription());
      return;
    }
    boolean presented = e instanceof InvalidBearerTokenException;
    response.setHeader(
        "WWW-Authenticate", presented ? "Bearer realm=\"tiersync\", error=\"invalid_token\"" : "Bearer realm=\"tiersync\"");
    problems.write(
        response,
        HttpStatus.UNAUTHORIZED,
        "Authorization",
        presented
            ? "the API token is not valid"
            : "an API token is required: send 'Authorization: Bearer <token>' (a token of TIERSYNC_API_TOKENS,"
                + " or the one generated into the data directory's api-token file)");
  }
}
