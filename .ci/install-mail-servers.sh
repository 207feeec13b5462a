#!/bin/sh
# Install the Debian mail servers the test suite starts by itself (Dovecot IMAP+LMTP, Postfix).
# Configures and starts no system-wide service; the tests run private instances on loopback.
# Idempotent: when the packages are present it only prints their versions (~0.1 s).
# Needs root (CI runs as root). Debian 12: ~12 s on a fresh machine, downloads included.
set -eu

if ! dpkg -s dovecot-imapd dovecot-lmtpd postfix >/dev/null 2>&1; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "install-mail-servers: run as root (or with sudo) to apt-get install dovecot-imapd dovecot-lmtpd postfix" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  # the packages' postinst must not start system daemons: rely on a policy-rc.d that exits 101,
  # creating one only if the image has none, and removing it again afterwards
  made_policy=
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d
    chmod 755 /usr/sbin/policy-rc.d
    made_policy=1
  fi
  trap 'if [ -n "$made_policy" ]; then rm -f /usr/sbin/policy-rc.d; fi' EXIT
  # Postfix: no debconf questions and no /etc/postfix/main.cf (the system instance is never used)
  echo "postfix postfix/main_mailer_type select No configuration" | debconf-set-selections
  apt-get update -q
  apt-get install -y -q --no-install-recommends dovecot-imapd dovecot-lmtpd postfix
fi

echo "dovecot $(dovecot --version)"
echo "postfix $(/usr/sbin/postconf -d -h mail_version)"
echo "openssl $(openssl version)"
