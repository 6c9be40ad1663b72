# Stands in for Traefik in deploy-checks.sh, where no Traefik image or binary can be had: HAProxy
# from Debian's packages doing the part of Traefik's job the rollout depends on. It finds the app
# replicas by the Compose service name (Docker's DNS), sends traffic only to replicas whose
# /healthz answers 200, retries a request whose connection a retiring replica refused on another
# one, and listens where Traefik does on a droplet: 127.0.0.1:8000 (plain, host-only) and :443
# (TLS; the certificate comes from a local CA instead of Let's Encrypt).
ARG BASE
FROM ${BASE}
RUN apt-get update \
 && apt-get install -y --no-install-recommends haproxy \
 && rm -rf /var/lib/apt/lists/*
COPY haproxy.cfg /etc/haproxy/haproxy.cfg
ENTRYPOINT ["haproxy", "-W", "-db", "-f", "/etc/haproxy/haproxy.cfg"]
