# tiersync app image: builds the jar with Maven, runs it on a JRE. Used by docker-compose.yml.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN mvn -B -q -DskipTests package

FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 --home-dir /data tiersync && mkdir -p /data && chown tiersync /data
COPY --from=build /src/app/target/tiersync-app.jar /opt/tiersync/tiersync-app.jar
USER tiersync
ENV TIERSYNC_HOME=/data SERVER_ADDRESS=0.0.0.0
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "/opt/tiersync/tiersync-app.jar"]
