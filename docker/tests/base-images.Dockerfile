# Stand-ins for the public base images docker/Dockerfile names in its ARGs (node:20-bookworm-slim,
# maven:3.9-eclipse-temurin-21, eclipse-temurin:21-jre), made from Debian packages on top of a
# root file system that base-images.sh makes with debootstrap and `docker import`s as BASE. They
# carry what the production stages use of the real ones: npm and Node 20; Maven 3.9 and a JDK 21;
# a JRE 21 with its default class-data archive, apt-get, groupadd and useradd.
#
# The two build stages also trust the certificate authorities this machine added to its own store
# (/usr/local/share/ca-certificates: an HTTPS proxy in front of the npm registry and Maven Central,
# say), as the machine's own npm and Maven do; the runtime stand-in does not need them.
#
#   docker build -f docker/tests/base-images.Dockerfile --build-arg BASE=… --target node|maven|jre .
ARG BASE

FROM ${BASE} AS debian
ENV LANG=C.UTF-8
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates \
 && rm -rf /var/lib/apt/lists/*

FROM debian AS node
RUN apt-get update \
 && apt-get install -y --no-install-recommends nodejs npm \
 && rm -rf /var/lib/apt/lists/* \
 && node --version && npm --version
COPY local-ca/ /usr/local/share/ca-certificates/
RUN update-ca-certificates
ENV NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt

FROM debian AS maven
RUN apt-get update \
 && apt-get install -y --no-install-recommends openjdk-21-jdk-headless maven \
 && rm -rf /var/lib/apt/lists/* \
 && mvn -version
# update-ca-certificates also refreshes the JDK's trust store (ca-certificates-java's hook).
COPY local-ca/ /usr/local/share/ca-certificates/
RUN update-ca-certificates

FROM debian AS jre
# The JDK's default class-data archive is what a dynamic archive (docker/cds-archive.sh) builds on;
# the public Temurin image ships one, so the stand-in must too.
RUN apt-get update \
 && apt-get install -y --no-install-recommends openjdk-21-jre-headless \
 && rm -rf /var/lib/apt/lists/* \
 && { java -Xshare:on -version >/dev/null 2>&1 || java -Xshare:dump >/dev/null; } \
 && java -Xshare:on -version
