#!/bin/sh
# Client data stays on the machine: Rapport's own code opens no network
# connection. Checks the sources for networking APIs and the program for
# calls to the system's socket functions.
# Usage: check-no-network.sh SOURCE_DIR RAPPORT_BINARY
set -u
src="$1/src"
binary="$2"
status=0

if grep -rn -E 'GSocket|g_socket_|GNetwork|g_network_|GResolver|g_resolver_|Soup|soup_|curl_|getaddrinfo|gethostbyname|GDBusServer|g_tls_' "$src"; then
  echo "src/ uses networking APIs" >&2
  status=1
fi

if nm -u "$binary" | grep -w -E 'socket|connect|bind|listen|accept|getaddrinfo|sendto|recvfrom'; then
  echo "the program calls socket functions directly" >&2
  status=1
fi

exit $status
