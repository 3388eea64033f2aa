"""Every command is documented: `--help` works and shows an example (as Datasette checks its docs)."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from counterclaim.cli.main import COMMANDS, LazyGroup, cli

BUILT = [name for name in COMMANDS if LazyGroup._load(name) is not None]


def test_top_level_help_lists_built_commands():
    result = CliRunner().invoke(cli, ["--help"])
    assert result.exit_code == 0
    for name in BUILT:
        assert name in result.output


@pytest.mark.parametrize("name", BUILT)
def test_each_command_help_has_an_example(name):
    result = CliRunner().invoke(cli, [name, "--help"])
    assert result.exit_code == 0, result.output
    assert "Example:" in result.output, f"`counterclaim {name} --help` has no 'Example:' line"


def test_unknown_command_is_a_usage_error():
    result = CliRunner().invoke(cli, ["no-such-command"])
    assert result.exit_code == 2
    assert "No such command" in result.output


def test_core_commands_exist():
    for name in ("ingest", "docs", "show", "analyze", "extract", "claims", "link", "disputes", "event", "serve"):
        assert name in BUILT, f"command {name!r} is not built"
