#!/usr/bin/env bash
# Installs nginx from Debian's packages for test/deploy/scale-out.test.ts, which starts its own
# nginx on 127.0.0.1. The package's system service is not started (policy-rc.d says no).
set -euo pipefail
if command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ]; then exit 0; fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-nginx: no apt-get here; the scale-out test needs nginx" >&2
  exit 1
fi
created=""
if [ ! -e /usr/sbin/policy-rc.d ]; then
  printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
  chmod 755 /usr/sbin/policy-rc.d
  created=1
fi
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nginx >/dev/null
if [ -n "$created" ]; then rm -f /usr/sbin/policy-rc.d; fi
/usr/sbin/nginx -v
