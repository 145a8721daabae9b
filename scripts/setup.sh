#!/usr/bin/env bash
# Installs what poolcheck's build, tests and lab need on a fresh Debian machine.
# Idempotent: installs only what is missing.
set -euo pipefail

packages=(
  libtirpc-dev libpcap-dev          # C libraries the NFS and traffic probes link
  libxml2-utils                     # xmllint: JUnit reports are validated against the XSD
  rpcbind nfs-ganesha nfs-ganesha-vfs nfs-kernel-server nfs-common  # NFS lab servers, showmount
  tcpdump iproute2 hyperfine        # traffic lab, namespaces, benchmarks
  openssl                           # xapi-sim's self-signed HTTPS certificates
  python3 util-linux                # lab stand-in servers; unshare, nsenter, setpriv
)

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  # Daemons must not start on the machine itself: the lab starts its own in namespaces.
  made_policy=false
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' | "${sudo_cmd[@]}" tee /usr/sbin/policy-rc.d >/dev/null
    "${sudo_cmd[@]}" chmod +x /usr/sbin/policy-rc.d
    made_policy=true
  fi
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
  if $made_policy; then "${sudo_cmd[@]}" rm -f /usr/sbin/policy-rc.d; fi
fi

# The official XenAPI Python SDK: the independent client that proves xapi-sim speaks XAPI.
if ! python3 -c 'import XenAPI' 2>/dev/null; then
  echo "setup: installing the XenAPI Python SDK (pip)"
  python3 -m pip install --quiet XenAPI
fi
