"""Settings read from the environment (``COUNTERCLAIM_*``), overridable on the command line."""

from __future__ import annotations

from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Where the store lives and how the server runs. ``COUNTERCLAIM_DB`` selects the store."""

    model_config = SettingsConfigDict(env_prefix="COUNTERCLAIM_")

    db: str = "sqlite:///counterclaim.db"
    token: str | None = None  # write token for the web app's review endpoints
    actors: str | None = None  # path to a user's own actor registry (YAML), merged over the shipped one


def settings() -> Settings:
    """Fresh settings from the current environment."""
    return Settings()
