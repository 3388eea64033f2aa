"""Settings read from the environment (``COUNTERCLAIM_*``), overridable on the command line."""

from __future__ import annotations

from typing import Literal

from pydantic_settings import BaseSettings, SettingsConfigDict

SpanConvention = Literal["claim", "polnear"]


class Settings(BaseSettings):
    """Where the store lives and how the server runs. ``COUNTERCLAIM_DB`` selects the store."""

    model_config = SettingsConfigDict(env_prefix="COUNTERCLAIM_")

    db: str = "sqlite:///counterclaim.db"
    token: str | None = None  # write token for the web app's review endpoints
    tokens: str | None = None  # more write tokens with their reviewers' names: "alice=TOKEN1,bob=TOKEN2"
    read_token: str | None = None  # when set, reading the web app and the API needs this token (or a write token)
    organisation: str = "counterclaim"  # the reviewing organisation: ClaimReview's author
    organisation_url: str | None = None  # its web site, in ClaimReview's author
    public_url: str | None = None  # where the web app is published: ClaimReview urls point there
    actors: str | None = None  # path to a user's own actor registry (YAML), merged over the shipped one
    # span convention: "claim" (a content is the proposition, a cue the speech verb: the seed gold)
    # or "polnear" (spans as PolNeAR annotates them: "that", auxiliaries and adverbs kept)
    spans: SpanConvention = "claim"


def settings() -> Settings:
    """Fresh settings from the current environment."""
    return Settings()
