"""The ``counterclaim`` command group.

Each command lives in its own module under ``counterclaim.cli`` and is imported
only when used, so ``counterclaim --help`` stays fast and a command that needs
spaCy does not slow down one that does not.
"""

from __future__ import annotations

import importlib
import sys

import click

from counterclaim.errors import CounterclaimError

# command name -> "module:attribute" (kept in the order `--help` lists them)
COMMANDS: dict[str, str] = {
    "ingest": "counterclaim.cli.ingest_cmd:ingest",
    "docs": "counterclaim.cli.docs_cmd:docs",
    "show": "counterclaim.cli.docs_cmd:show",
    "analyze": "counterclaim.cli.analyze_cmd:analyze",
    "extract": "counterclaim.cli.analyze_cmd:extract",
    "claims": "counterclaim.cli.analyze_cmd:claims",
    "link": "counterclaim.cli.link_cmd:link",
    "disputes": "counterclaim.cli.link_cmd:disputes",
    "event": "counterclaim.cli.link_cmd:event",
    "export": "counterclaim.cli.export_cmd:export",
    "serve": "counterclaim.cli.serve_cmd:serve",
    "channels": "counterclaim.cli.channels_cmd:channels",
}


class LazyGroup(click.Group):
    """A click group that imports a command's module on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return [name for name in COMMANDS if self._load(name) is not None]

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        return self._load(name)

    @staticmethod
    def _load(name: str) -> click.Command | None:
        target = COMMANDS.get(name)
        if target is None:
            return None
        module_name, attr = target.split(":")
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name == module_name:  # command not built yet
                return None
            raise
        return getattr(module, attr, None)


db_option = click.option(
    "--db",
    "db",
    envvar="COUNTERCLAIM_DB",
    default="sqlite:///counterclaim.db",
    show_default=True,
    help="Store URL: sqlite:///PATH or postgresql+psycopg://USER@HOST:PORT/DB (env COUNTERCLAIM_DB).",
)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="counterclaim")
def cli() -> None:
    """Track contested claims in war reporting.

    Ingest reports, extract who claims what, link claims about the same event,
    and see where sources agree and where they dispute.

    Example: counterclaim ingest reports/ && counterclaim disputes
    """


def main() -> None:
    """Console entry point: library errors become one clear line and exit code 1."""
    try:
        code = cli.main(standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        sys.exit(1)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except CounterclaimError as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(1)
    except SystemExit:
        raise
    except BrokenPipeError:
        sys.exit(0)
    else:
        sys.exit(code if isinstance(code, int) else 0)
