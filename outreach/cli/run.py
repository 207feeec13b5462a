"""`outreach run`: the daemon, or with --once every job once (for tests, cron and the demo)."""

from __future__ import annotations

import logging

import click

from outreach.cli.main import App, now_utc, pass_app
from outreach.errors import JobsFailed

logger = logging.getLogger(__name__)


@click.command()
@click.option("--once", is_flag=True, help="Run every job once (sync, due drafts, prep brief, send, watch) and exit.")
@pass_app
def run(app: App, once: bool) -> None:
    """The daemon: sync, send, watch the inbox, create due drafts. --once runs every job once and exits."""
    from outreach.logs import setup_logging

    if not app.verbose:
        setup_logging(logging.INFO)
    if once:
        run_every_job_once(app)
        return
    from outreach.daemon.jobs import daemon_jobs, recover_job
    from outreach.daemon.loop import Daemon
    from outreach.inbox.inboxwait import open_waiter

    daemon = Daemon(app.config_path, daemon_jobs, waiter_factory=open_waiter)
    daemon.install_signal_handlers()
    try:
        daemon.start(recover=recover_job)
    except BaseException:
        daemon.close()
        raise
    raise SystemExit(daemon.serve())


def run_every_job_once(app: App) -> None:
    """Each job in order; one failing job is reported, whatever it raised, and the others still run
    (exit 1 at the end)."""
    from outreach.daemon.jobs import daemon_jobs
    from outreach.daemon.loop import expected_failure
    from outreach.logs import redact

    app.open_db()
    failed = []
    for job in daemon_jobs(once=True):
        name = job.name
        try:
            lines = job.function(app.settings, now_utc())
        except Exception as exc:  # one job's bug must not keep the others from running
            logger.debug("%s failed", name, exc_info=True)
            known = expected_failure(exc)
            unexpected = f"unexpected {type(exc).__name__}: {redact(str(exc))} (a bug; -v shows the traceback)"
            click.echo(f"{name}: error: {known or unexpected}", err=True)
            failed.append(name)
            continue
        for line in lines:
            click.echo(f"{name}: {line}")
    if failed:
        raise JobsFailed(f"{len(failed)} job(s) failed: {', '.join(failed)}")
