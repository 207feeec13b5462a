"""Config files, certificates and directories for a private Dovecot + Postfix instance.

Everything is written under one root; nothing system-wide is read or written
except the Debian binaries and /usr/share/dovecot/dh.pem.
"""

from __future__ import annotations

import grp
import json
import os
import pwd
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from outreach.testing.processes import RigError

# recipients refused at RCPT by both SMTP backends (Postfix: rcpt_access map; aiosmtpd: defaults)
DEFAULT_FAULTS = {
    "fail451@example.test": "451 4.3.0 Injected temporary failure",
    "reject550@example.test": "550 5.1.1 Injected: no such user",
    "drop421@example.test": "421 4.7.0 Injected: closing connection",
}
# accepted by Postfix but unknown to Dovecot: LMTP answers 550 and Postfix sends a real DSN bounce
GHOSTS = ("ghost@example.test",)

DOVECOT_CONF = """\
# private Dovecot instance: every path is under {root}
instance_name = mailrig-{name}
base_dir = {root}/dovecot/run
state_dir = {root}/dovecot/state
log_path = {root}/dovecot/dovecot.log
protocols = imap lmtp
listen = 127.0.0.1
{user_settings}
ssl = yes
ssl_cert = <{root}/certs/server.pem
ssl_key = <{root}/certs/server.key
ssl_dh = </usr/share/dovecot/dh.pem
auth_mechanisms = plain login
hostname = mx.example.test
# tests log in with wrong passwords on purpose: no reply delay, and no per-IP penalty
# (2..15 s on every later login from 127.0.0.1, Postfix SASL included)
auth_failure_delay = 0
service anvil {{
  {chroot_line}
  unix_listener anvil-auth-penalty {{
    mode = 0
  }}
}}
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {root}/dovecot/users
}}
userdb {{
  driver = passwd-file
  args = username_format=%u {root}/dovecot/users
  default_fields = uid={mail_user} gid={mail_group} home={root}/mail/%d/%n
}}
first_valid_uid = 1
mail_location = maildir:~/Maildir
mail_fsync = {mail_fsync}
namespace inbox {{
  inbox = yes
  separator = /
  mailbox Drafts {{
    special_use = \\Drafts
    auto = subscribe
  }}
  mailbox Sent {{
    special_use = \\Sent
    auto = subscribe
  }}
  mailbox Junk {{
    special_use = \\Junk
    auto = subscribe
  }}
  mailbox Trash {{
    special_use = \\Trash
    auto = subscribe
  }}
}}
service imap-login {{
  {chroot_line}
  inet_listener imap {{
    port = {imap_port}
  }}
  inet_listener imaps {{
    port = {imaps_port}
    ssl = yes
  }}
}}
service lmtp {{
  inet_listener lmtp {{
    address = 127.0.0.1
    port = {lmtp_port}
  }}
}}
service auth {{
  inet_listener auth {{
    address = 127.0.0.1
    port = {auth_port}
  }}
}}
protocol imap {{
  mail_max_userip_connections = 100
}}
"""

POSTFIX_MAIN = """\
compatibility_level = 3.6
queue_directory = {root}/postfix/queue
data_directory = {root}/postfix/data
mail_owner = postfix
setgid_group = postdrop
maillog_file_prefixes = /var, /dev/stdout, /tmp, {root}
maillog_file = {root}/postfix/postfix.log
myhostname = mx.example.test
mydomain = example.test
myorigin = $mydomain
mydestination =
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
mynetworks = 127.0.0.0/8
alias_maps =
alias_database =
local_recipient_maps =
biff = no
smtp_dns_support_level = disabled
virtual_mailbox_domains = {domains}
virtual_mailbox_maps = texthash:{root}/postfix/vmailbox
virtual_transport = lmtp:inet:127.0.0.1:{lmtp_port}
smtpd_tls_cert_file = {root}/certs/server.pem
smtpd_tls_key_file = {root}/certs/server.key
smtpd_tls_security_level = may
smtpd_tls_auth_only = yes
smtpd_sasl_auth_enable = yes
smtpd_sasl_type = dovecot
smtpd_sasl_path = inet:127.0.0.1:{auth_port}
smtpd_relay_restrictions = permit_sasl_authenticated, reject_unauth_destination
smtpd_recipient_restrictions = check_recipient_access texthash:{root}/postfix/rcpt_access
in_flow_delay = 0
smtpd_error_sleep_time = 0
queue_run_delay = 1s
minimal_backoff_time = 1s
maximal_backoff_time = 2s
maximal_queue_lifetime = 1m
bounce_queue_lifetime = 1m
"""

# chroot off ("n" in column 5) for every service; the three listeners, then the stock list
POSTFIX_MASTER = """\
127.0.0.1:{smtp_port} inet n - n - - smtpd
127.0.0.1:{submission_port} inet n - n - - smtpd
  -o smtpd_tls_security_level=encrypt
  -o smtpd_client_restrictions=permit_sasl_authenticated,reject
127.0.0.1:{smtps_port} inet n - n - - smtpd
  -o smtpd_tls_wrappermode=yes
  -o smtpd_client_restrictions=permit_sasl_authenticated,reject
pickup    unix  n - n 60 1 pickup
cleanup   unix  n - n - 0 cleanup
qmgr      unix  n - n 300 1 qmgr
tlsmgr    unix  - - n 1000? 1 tlsmgr
rewrite   unix  - - n - - trivial-rewrite
bounce    unix  - - n - 0 bounce
defer     unix  - - n - 0 bounce
trace     unix  - - n - 0 bounce
verify    unix  - - n - 1 verify
flush     unix  n - n 1000? 0 flush
proxymap  unix  - - n - - proxymap
proxywrite unix - - n - 1 proxymap
smtp      unix  - - n - - smtp
relay     unix  - - n - - smtp
showq     unix  n - n - - showq
error     unix  - - n - - error
retry     unix  - - n - - error
discard   unix  - - n - - discard
lmtp      unix  - - n - - lmtp
anvil     unix  - - n - 1 anvil
scache    unix  - - n - 1 scache
postlog   unix-dgram n - n - 1 postlogd
"""


@dataclass(frozen=True)
class Ports:
    """Loopback ports of one rig (Dovecot, Postfix, and the aiosmtpd fault server)."""

    imap: int
    imaps: int
    lmtp: int
    auth: int
    smtp: int
    submission: int
    smtps: int
    fault_smtp: int
    fault_submission: int
    fault_smtps: int

    def smtp_side(self, backend: str, fault: bool) -> tuple[int, int, int]:
        """(smtp, submission, smtps) of Postfix, or with `fault` of the aiosmtpd server (the main ports when
        it is the only SMTP server)."""
        if fault or backend == "aiosmtpd":
            if backend not in ("aiosmtpd", "both"):
                raise RigError(f"this rig has no aiosmtpd fault server (smtp={backend!r})")
            if backend == "aiosmtpd":
                return self.smtp, self.submission, self.smtps
            return self.fault_smtp, self.fault_submission, self.fault_smtps
        if backend == "none":
            raise RigError("this rig has no SMTP server (smtp='none')")
        return self.smtp, self.submission, self.smtps


def write_file(path: Path, text: str, mode: int = 0o644) -> Path:
    """Write a config file and backdate its mtime.

    Postfix re-reads a config or map file every 0.3 s until its mtime is at
    least 2 s old, which costs ~2 s of start-up on a freshly written main.cf.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    path.chmod(mode)
    old = time.time() - 60
    os.utime(path, (old, old))
    return path


def generate_certs(directory: Path, days: int = 30) -> None:
    """A throwaway EC P-256 CA (ca.pem) and a leaf for localhost/127.0.0.1 (server.pem, server.key).

    The chain passes Python's ``ssl.VERIFY_X509_STRICT``.
    """
    directory.mkdir(parents=True, exist_ok=True)
    ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
    leaf_ext = directory / "leaf.ext"
    leaf_ext.write_text(
        "basicConstraints=critical,CA:FALSE\n"
        "keyUsage=critical,digitalSignature,keyEncipherment\n"
        "extendedKeyUsage=serverAuth\n"
        "subjectAltName=DNS:localhost,IP:127.0.0.1\n"
        "authorityKeyIdentifier=keyid,issuer\n"
        "subjectKeyIdentifier=hash\n"
    )
    commands = [
        ["req", "-x509", *ec, "-keyout", "ca.key", "-out", "ca.pem", "-days", str(days),
         "-subj", "/CN=outreach mailrig test CA",
         "-addext", "basicConstraints=critical,CA:TRUE",
         "-addext", "keyUsage=critical,keyCertSign,cRLSign"],
        ["req", *ec, "-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=localhost"],
        ["x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
         "-out", "server.pem", "-days", str(days), "-extfile", "leaf.ext"],
    ]  # fmt: skip
    for args in commands:
        subprocess.run(["openssl", *args], cwd=directory, check=True, capture_output=True)
    for name in ("server.csr", "leaf.ext", "ca.srl"):
        (directory / name).unlink(missing_ok=True)
    # read by the daemons as root (or as the invoking user); fine for a throwaway key
    (directory / "server.key").chmod(0o644)


def dovecot_users(users: dict[str, str]) -> str:
    """The passwd-file: one ``user:{PLAIN}password::::::`` line per user."""
    return "".join(f"{u}:{{PLAIN}}{pw}::::::\n" for u, pw in users.items())


def dovecot_conf(root: Path, name: str, ports: Ports, mail_fsync: str) -> str:
    if os.geteuid() == 0:
        # mail processes may not run as root: mail is owned by nobody/nogroup
        mail_user, mail_group, user_settings, chroot_line = "nobody", "nogroup", "", ""
    else:  # rootless: every Dovecot process runs as the invoking user, and only root may chroot()
        mail_user = pwd.getpwuid(os.geteuid()).pw_name
        mail_group = grp.getgrgid(os.getegid()).gr_name
        user_settings = (
            f"default_internal_user = {mail_user}\ndefault_internal_group = {mail_group}\n"
            f"default_login_user = {mail_user}\n"
        )
        chroot_line = "chroot ="
    return DOVECOT_CONF.format(
        root=root, name=name, imap_port=ports.imap, imaps_port=ports.imaps, lmtp_port=ports.lmtp,
        auth_port=ports.auth, mail_user=mail_user, mail_group=mail_group, user_settings=user_settings,
        mail_fsync=mail_fsync, chroot_line=chroot_line,
    )  # fmt: skip


def mail_owner() -> tuple[str, str] | None:
    """The (user, group) owning the Maildirs when running as root; None when rootless."""
    return ("nobody", "nogroup") if os.geteuid() == 0 else None


def write_users(root: Path, users: dict[str, str]) -> None:
    # not write_file(): Dovecot notices a changed passwd-file by its mtime, so don't backdate it
    path = root / "dovecot" / "users"
    path.write_text(dovecot_users(users))
    path.chmod(0o644)


def write_postfix_maps(root: Path, ports: Ports, users: dict[str, str], domain: str) -> None:
    domains = sorted({u.rsplit("@", 1)[1] for u in users} | {domain})
    write_file(root / "postfix/conf/main.cf", postfix_main_cf(root, ports, domains))
    write_file(root / "postfix/vmailbox", postfix_vmailbox(list(users)))
    write_file(root / "postfix/rcpt_access", postfix_rcpt_access())


def aiosmtpd_config(root: Path, ports: tuple[int, int, int], lmtp_port: int, faults_file: Path,
                    journal_file: Path) -> str:
    """The fault server's config.json: its (smtp, submission, smtps) ports, where it delivers, its faults."""
    smtp, submission, smtps = ports
    return json.dumps({
        "smtp_port": smtp, "submission_port": submission, "smtps_port": smtps, "lmtp_port": lmtp_port,
        "users_file": str(root / "dovecot/users"), "faults": DEFAULT_FAULTS, "faults_file": str(faults_file),
        "journal_file": str(journal_file), "cert": str(root / "certs/server.pem"),
        "key": str(root / "certs/server.key"),
    }, indent=1)


def postfix_main_cf(root: Path, ports: Ports, domains: list[str]) -> str:
    return POSTFIX_MAIN.format(root=root, lmtp_port=ports.lmtp, auth_port=ports.auth, domains=", ".join(domains))


def postfix_master_cf(ports: Ports) -> str:
    return POSTFIX_MASTER.format(smtp_port=ports.smtp, submission_port=ports.submission, smtps_port=ports.smtps)


def postfix_vmailbox(users: list[str]) -> str:
    """Every user, every fault address and the ghosts are recipients Postfix accepts."""
    return "".join(f"{u} OK\n" for u in dict.fromkeys([*users, *DEFAULT_FAULTS, *GHOSTS]))


def postfix_rcpt_access() -> str:
    return "".join(f"{addr} {reply}\n" for addr, reply in DEFAULT_FAULTS.items())


def make_postfix_dirs(postfix_dir: Path) -> None:
    """Create the queue directories `postfix check` would create (it takes 0.2-0.3 s)."""
    postfix = pwd.getpwnam("postfix").pw_uid
    postdrop = grp.getgrnam("postdrop").gr_gid
    queue = postfix_dir / "queue"
    queue.mkdir(parents=True, exist_ok=True)
    for d in ("active", "bounce", "corrupt", "defer", "deferred", "flush", "hold",
              "incoming", "private", "saved", "trace"):  # fmt: skip
        (queue / d).mkdir(exist_ok=True)
        os.chown(queue / d, postfix, 0)
        (queue / d).chmod(0o700)
    for d, mode in (("maildrop", 0o1730), ("public", 0o2710)):
        (queue / d).mkdir(exist_ok=True)
        os.chown(queue / d, postfix, postdrop)
        (queue / d).chmod(mode)
    (queue / "pid").mkdir(exist_ok=True)
    data = postfix_dir / "data"
    data.mkdir(exist_ok=True)
    os.chown(data, postfix, 0)
    data.chmod(0o700)
