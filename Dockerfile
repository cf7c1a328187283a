# tiersync app image: builds the jar with Maven, runs it on a JRE. Used by docker-compose.yml.
# The web UI is built in a Node stage (the Maven image has no Node); the Maven stage packages its
# dist/ and -Dexec.skip=true turns off the npm calls there.
FROM node:20-bookworm-slim AS ui
WORKDIR /src/web-ui
COPY web-ui/package.json web-ui/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY web-ui/ ./
RUN npm run build

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
COPY --from=ui /src/web-ui/dist web-ui/dist
RUN mvn -B -q -DskipTests -Dexec.skip=true package

FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 --home-dir /data tiersync && mkdir -p /data && chown tiersync /data
COPY --from=build /src/app/target/tiersync-app.jar /opt/tiersync/tiersync-app.jar
USER tiersync
ENV TIERSYNC_HOME=/data SERVER_ADDRESS=0.0.0.0
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "/opt/tiersync/tiersync-app.jar"]
