# CI only: a stand-in for node:20-bookworm-slim where base images cannot be pulled (Debian
# bookworm's nodejs and npm; the project only runs `npm ci` in it to fetch front-end files).
# The build context holds the host's extra CA certificates, as for base/python.Dockerfile.
ARG BASE_IMAGE=local/bookworm:minbase
FROM ${BASE_IMAGE}
COPY extra-ca/ /usr/local/share/ca-certificates/
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends nodejs npm \
    && rm -rf /var/lib/apt/lists/* \
    && update-ca-certificates
ENV NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt
